package io.drrunbooks.testsupport;

import java.time.Duration;
import java.util.Random;

/**
 * Where a crash harness kills its child: at uniformly random points of an operation's measured duration, drawn
 * from a seed that is printed, so a failing series can be replayed with {@code -Ddr.crash.seed=<seed>}. The number
 * of kills is the test's normal one, or {@code -Ddr.crash.iterations=<n>} for the long mode (a service harness:
 * {@code -Ddr.crash.service-iterations=<n>}).
 */
public final class CrashPlan {

    private final String name;
    private final long seed;
    private final Random random;
    private final int iterations;

    public CrashPlan(String name, int normalIterations) {
        this(name, normalIterations, "dr.crash.iterations");
    }

    /** A plan whose long mode has a property of its own (a harness whose every kill costs two service starts). */
    public CrashPlan(String name, int normalIterations, String iterationsProperty) {
        this.name = name;
        this.seed = Long.getLong("dr.crash.seed", System.nanoTime());
        this.random = new Random(seed);
        this.iterations = Integer.getInteger(iterationsProperty, normalIterations);
        log("%d kills, seed %d (replay: -Ddr.crash.seed=%d)", iterations, seed, seed);
    }

    public int iterations() {
        return iterations;
    }

    /** A point uniformly within {@code span}. */
    public Duration pointWithin(Duration span) {
        return Duration.ofNanos((long) (random.nextDouble() * span.toNanos()));
    }

    public void log(String format, Object... args) {
        System.out.printf("[crash %s] %s%n", name, String.format(format, args));
    }
}
