package io.drrunbooks.testsupport;

import io.drrunbooks.DrRunbooksApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's main class (command line or service) in a JVM of its own, on the test classpath, so a test can
 * kill it the way a power cut or the OOM killer would: {@link Process#destroyForcibly()}, which on Linux is
 * {@code kill(pid, SIGKILL)}; {@link #kill} checks the exit status says so (128 + 9).
 */
public final class ChildJvm implements AutoCloseable {

    static final int KILLED_BY_SIGKILL = 128 + 9;

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code DrRunbooksApplication} with {@code args}; its output goes to {@code log}. */
    public static ChildJvm start(Path log, List<String> args) {
        return start(log, List.of(), args);
    }

    /** As {@link #start(Path, List)}, with options for the JVM ({@code -Xmx32m}). */
    public static ChildJvm start(Path log, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DrRunbooksApplication.class.getName()));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Polls every millisecond until {@code condition} holds or the child has exited; true if it held. */
    public boolean awaitOrExit(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                return condition.getAsBoolean();
            }
            sleep(Duration.ofMillis(1));
        }
        throw new AssertionError("child " + pid() + " neither reached the awaited state nor exited within " + timeout
                + "; its output: " + output());
    }

    /** Waits for a normal exit and returns its status. */
    public int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child " + pid() + " still runs after " + timeout + "; its output: " + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL; returns true if that is what ended the child, false if it had exited on its own (status 0) before. */
    public boolean kill() {
        process.destroyForcibly();
        int status = await(Duration.ofMinutes(1));
        if (status == KILLED_BY_SIGKILL) {
            return true;
        }
        assertThat(status).as("the child ended with neither SIGKILL's status " + KILLED_BY_SIGKILL
                + " nor 0; its output: " + output()).isZero();
        return false;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
