package io.drrunbooks;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.auditexport.SigningKey;
import io.drrunbooks.backup.ArchiveKey;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.LegacyCeiling;
import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelSchedules;
import io.drrunbooks.runbook.BackupProperties;
import io.drrunbooks.restore.RestoreListener;
import io.drrunbooks.restore.RestoreOptions;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.target.Target;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.target.TargetProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** Builds the plain capability types (target, backup, restore, audit) from the configuration. */
@Configuration(proxyBeanMethods = false)
class Capabilities {

    private static final Logger log = LoggerFactory.getLogger(Capabilities.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Target target(TargetProperties properties) {
        return new Target(TargetLayout.of(properties.getRoot(), "var", TargetLayout.PLATFORM_GOD_DATA_SETS,
                TargetLayout.PLATFORM_GOD_CONFIG_FILES, Set.copyOf(properties.getWeeklyOnly())), properties);
    }

    /** A key file that cannot be used stops the start, naming the file: better than sets no one can read. */
    @Bean
    BackupSets backupSets(@Value("${dr.backup.root}") Path backupRoot, Clock clock,
                          @Value("${dr.backup.compression-level}") int compressionLevel,
                          @Value("${dr.backup.encryption-key-file}") String keyFile,
                          @Value("${dr.backup.legacy-max-ratio}") long legacyMaxRatio,
                          @Value("${dr.backup.legacy-max-entries}") long legacyMaxEntries) {
        ArchiveKey key = keyFile.isBlank() ? null : ArchiveKey.read(Path.of(keyFile));
        return new BackupSets(new BackupOptions(backupRoot, clock, ToolVersion.get(), compressionLevel, key,
                new LegacyCeiling(legacyMaxRatio, legacyMaxEntries)));
    }

    /**
     * Before any run can touch the target, a restore interrupted by a crash is finished or rolled back, and that is
     * recorded in the trail of the run (or command-line restore) whose restore it was.
     */
    @Bean
    Restorer restorer(Target target, Clock clock, AuditTrail auditTrail) {
        new Restorer(new RestoreOptions(clock, (type, detail) -> auditTrail.append(Restorer.runOf((String) detail.get("operationId"),
                (String) detail.get("dataSet")), "dr-runbooks", "restore." + type, null, detail))).recoverInterrupted(target.layout())
                .forEach(done -> log.warn("interrupted restore: {}", done));
        return new Restorer(new RestoreOptions(clock, RestoreListener.NONE));
    }

    /** The shipped models with the configured backup schedules in their timer start events. */
    @Bean
    Deployables deployables(BackupProperties backup) {
        Deployables shipped = Deployables.fromClasspath();
        return new Deployables(shipped.models().stream().flatMap(m -> ModelSchedules.apply(m, backup.schedules()).stream())
                .toList(), shipped.forms());
    }

    @Bean
    AuditTrail auditTrail(DataSource dataSource, Clock clock, SigningKey auditSigningKey,
                          ObjectProvider<FlywayMigrationInitializer> migration) {
        migration.ifAvailable(migrated -> { }); // the anchors' table exists before the existing trails are anchored
        AuditTrail trail = new AuditTrail(dataSource, clock, auditSigningKey);
        int anchored = trail.anchorExistingTrails();
        if (anchored > 0) {
            log.info("signed the heads of {} audit trails written before heads were signed", anchored);
        }
        return trail;
    }

    @Bean
    VerificationLog verificationLog(DataSource dataSource, Clock clock) {
        return new VerificationLog(dataSource, clock);
    }
}
