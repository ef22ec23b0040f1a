package io.drrunbooks.replication;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code auditReplica} in {@code /actuator/health}: the replica's lag, and DOWN when passes fail
 * or have stopped, since the audit trail then has no real-time copy.
 */
final class ReplicaHealth implements HealthIndicator {

    private final AuditReplicator replicator;
    private final Clock clock;

    ReplicaHealth(AuditReplicator replicator, Clock clock) {
        this.replicator = replicator;
        this.clock = clock;
    }

    @Override
    public Health health() {
        AuditReplicator.Status status = replicator.status();
        Instant now = clock.instant();
        Duration stale = replicator.interval().multipliedBy(20).plusSeconds(5);
        boolean current = status.passAt() != null && status.passAt().plus(stale).isAfter(now);
        Health.Builder health = status.error() == null && current ? Health.up() : Health.down();
        health.withDetail("source", status.source()).withDetail("replica", status.replica())
                .withDetail("followedFiles", status.followedFiles()).withDetail("lagBytes", status.lagBytes());
        if (status.caughtUpAt() != null) {
            health.withDetail("lagMillis", Math.max(0, Duration.between(status.caughtUpAt(), now).toMillis()));
        }
        if (status.passAt() != null) {
            health.withDetail("lastPass", status.passAt().toString());
        }
        if (status.error() != null) {
            health.withDetail("error", status.error());
        }
        return health.build();
    }
}
