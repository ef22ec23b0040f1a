package io.drrunbooks.replication;

import io.drrunbooks.target.Target;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** {@code dr.audit.replication.enabled} (true): the replicator runs as long as the service does. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dr.audit.replication.enabled", havingValue = "true", matchIfMissing = true)
class ReplicationConfiguration {

    @Bean(destroyMethod = "close")
    AuditReplicator auditReplicator(Target target, @Value("${dr.audit.replica}") Path replica,
                                    @Value("${dr.audit.replication.interval:PT0.25S}") Duration interval, Clock clock) {
        return new AuditReplicator(target.layout().resolve("var/audit"), replica, interval, clock).start();
    }

    @Bean
    ReplicaHealth auditReplicaHealthIndicator(AuditReplicator replicator, Clock clock) {
        return new ReplicaHealth(replicator, clock);
    }
}
