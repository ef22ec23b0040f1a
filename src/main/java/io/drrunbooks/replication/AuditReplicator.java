package io.drrunbooks.replication;

import io.drrunbooks.lock.ExclusiveLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows the audit files of the target as they grow and appends every new record to a replica,
 * forced to disk within one pass interval. See {@code package-info.java} for the algorithm.
 */
public final class AuditReplicator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditReplicator.class);
    private static final String LOCK_FILE = ".replication.lock";
    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

    private final Path source;
    private final Path replica;
    private final Duration interval;
    private volatile int failuresInARow;
    private final Clock clock;
    private final Thread thread;
    private volatile Status status;
    private final Object pause = new Object();
    private volatile boolean running = true;

    public AuditReplicator(Path source, Path replica, Duration interval, Clock clock) {
        this.source = source;
        this.replica = replica;
        this.interval = interval;
        this.clock = clock;
        this.status = new Status(source.toString(), replica.toString(), 0, 0, null, null, "not started");
        this.thread = new Thread(this::loop, "audit-replicator");
        this.thread.setDaemon(true);
    }

    public AuditReplicator start() {
        thread.start();
        return this;
    }

    /**
     * One pass now: what the background thread does every interval. The state is read from disk
     * each time, so a replica restored or moved under a running replicator is picked up.
     */
    public synchronized Status replicateOnce() {
        try {
            ReplicationPass pass = passAlone();
            Instant now = clock.instant();
            Instant caughtUp = pass.lagBytes() == 0 ? now : status.caughtUpAt();
            String error = pass.copyFailure() == null ? null : pass.copyFailure().toString();
            status = new Status(source.toString(), replica.toString(), pass.followed(), pass.lagBytes(),
                    error == null ? now : status.passAt(), caughtUp, error);
        } catch (IOException | RuntimeException e) {
            status = new Status(source.toString(), replica.toString(), status.followedFiles(), status.lagBytes(),
                    status.passAt(), status.caughtUpAt(), e.toString());
        }
        failuresInARow = status.error() == null ? 0 : failuresInARow + 1;
        if (failuresInARow > 0) {
            log.warn("audit replication pass failed ({} in a row, {} bytes behind), trying again in {}: {}",
                    failuresInARow, status.lagBytes(), nextPause(), status.error());
        }
        return status;
    }

    /**
     * Runs a pass holding the replica's lock: two instances of the service (or two in one JVM) following the
     * same target into the same replica would otherwise append each record twice and race on the state file.
     */
    private ReplicationPass passAlone() throws IOException {
        try (ExclusiveLock held = ExclusiveLock.acquire(replica.resolve(LOCK_FILE))) {
            ReplicationPass pass = new ReplicationPass(source, replica, ReplicaState.load(replica));
            pass.run();
            return pass;
        }
    }

    /** The interval, doubled with each failed pass in a row up to a minute: a full disk is retried (and logged) less often. */
    Duration nextPause() {
        Duration backedOff = interval.multipliedBy(1L << Math.min(failuresInARow, 16));
        Duration ceiling = MAX_PAUSE.compareTo(interval) > 0 ? MAX_PAUSE : interval;
        return backedOff.compareTo(ceiling) < 0 ? backedOff : ceiling;
    }

    public Status status() {
        return status;
    }

    public Duration interval() {
        return interval;
    }

    private void loop() {
        while (running) {
            replicateOnce();
            synchronized (pause) {
                try {
                    if (running) {
                        pause.wait(nextPause().toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Stops following once the pass under way has finished (an interrupt would close its channels
     * mid-append); the replica and its state stay, and the next start goes on from them.
     */
    @Override
    public void close() {
        synchronized (pause) {
            running = false;
            pause.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What {@code /actuator/health} shows.
     *
     * @param lagBytes bytes in the followed files not in the replica yet, a record being written included
     * @param passAt when the last pass finished
     * @param caughtUpAt when the replica last held everything the source files held
     * @param error why the last pass failed, or null
     */
    public record Status(String source, String replica, int followedFiles, long lagBytes, Instant passAt,
                         Instant caughtUpAt, String error) {
    }
}
