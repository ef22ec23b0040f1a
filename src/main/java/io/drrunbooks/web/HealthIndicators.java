package io.drrunbooks.web;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.ListedSet;
import io.drrunbooks.backup.UnreadableSet;
import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.notify.Incidents;
import io.drrunbooks.runbook.Runbook;
import io.drrunbooks.runbook.RunbookCatalog;
import io.drrunbooks.target.HealthResult;
import io.drrunbooks.target.Target;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /actuator/health} (spec 6.1): the target's own health endpoint, and backup freshness against
 * each runbook's RPO. Either being wrong is {@code DEGRADED}, not {@code DOWN}: this service is up and
 * is exactly what is needed while the target is not.
 */
@Configuration(proxyBeanMethods = false)
class HealthIndicators {

    static final Status DEGRADED = new Status("DEGRADED");

    @Bean
    HealthIndicator targetHealthIndicator(Target target) {
        return () -> {
            HealthResult result = target.probeHealthOnce();
            return (result.healthy() ? Health.up() : Health.status(DEGRADED))
                    .withDetail("url", result.url()).withDetail("detail", result.detail()).build();
        };
    }

    /**
     * Freshness is the age of the newest set that verified: a set that failed verification, or was never verified,
     * is no recovery point anyone can count on, so it does not count toward an RPO. That age must be within every
     * runbook's RPO, and the newest set must not have failed its verification. A missed RPO is reported as a
     * backup failure, once per newest verified set. Newer sets that do not open are named, and degrade the health
     * too: the backups taken since the newest usable one are not usable.
     */
    @Bean
    HealthIndicator backupsHealthIndicator(BackupSets backups, VerificationLog verifications, RunbookCatalog catalog,
                                           Incidents incidents, Clock clock) {
        return () -> {
            List<ListedSet> sets = backups.catalogue();
            Map<String, String> unreadable = new LinkedHashMap<>();
            sets.stream().takeWhile(UnreadableSet.class::isInstance).map(UnreadableSet.class::cast)
                    .forEach(set -> unreadable.put(set.id(), set.problem()));
            if (unreadable.size() == sets.size()) {
                return naming(unreadable, Health.status(DEGRADED).withDetail("problem", sets.isEmpty()
                        ? "no backup set under the backup root" : "no backup set under the backup root opens")).build();
            }
            Instant now = Instant.now(clock);
            BackupSet newest = (BackupSet) sets.get(unreadable.size());
            Optional<BackupSet> newestVerified = verifications.newestVerified(sets);
            Optional<Duration> verifiedAge = newestVerified.map(set -> Duration.between(set.createdAt(), now));
            Map<String, Object> rpo = new LinkedHashMap<>();
            boolean fresh = true;
            for (Runbook runbook : catalog.all()) {
                boolean met = verifiedAge.filter(age -> age.compareTo(runbook.rpo()) <= 0).isPresent();
                rpo.put(runbook.id(), (met ? "met" : "MISSED") + " (RPO " + runbook.rpo() + ")");
                fresh &= met;
            }
            if (!fresh) {
                incidents.report(Incidents.BACKUP_FAILURE, "backups older than the RPO: " + newestVerified
                        .map(set -> "no verified set since " + set.id()).orElse("no set has verified")
                        + " (the RPO of each runbook: /actuator/health)", null);
            }
            Optional<VerificationLog.Entry> verification = verifications.latest(newest.id());
            boolean failed = verification.filter(v -> !v.ok()).isPresent();
            Health.Builder health = fresh && !failed && unreadable.isEmpty() ? Health.up() : Health.status(DEGRADED);
            health.withDetail("newestSet", newest.id())
                    .withDetail("ageSeconds", Duration.between(newest.createdAt(), now).toSeconds())
                    .withDetail("newestVerifiedSet", newestVerified.map(BackupSet::id).orElse("none"));
            verifiedAge.ifPresent(age -> health.withDetail("newestVerifiedSetAgeSeconds", age.toSeconds()));
            health.withDetail("rpo", rpo)
                    .withDetail("newestSetVerified", verification.map(v -> v.ok() ? "yes, at " + v.verifiedAt()
                            : "FAILED at " + v.verifiedAt() + ": " + v.problem()).orElse("not yet"));
            return naming(unreadable, health).build();
        };
    }

    private static Health.Builder naming(Map<String, String> unreadableSets, Health.Builder health) {
        return unreadableSets.isEmpty() ? health : health.withDetail("unreadableNewerSets", unreadableSets);
    }
}
