package io.drrunbooks.auditexport;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/** The signing key ({@code dr.audit.signing-key-file}, else generated under {@code dr.home}) and the exporter. */
@Configuration(proxyBeanMethods = false)
class AuditExportConfiguration {

    @Bean
    SigningKey auditSigningKey(@Value("${dr.audit.signing-key-file:}") String keyFile, @Value("${dr.home}") Path home) {
        return SigningKey.configured(keyFile.isBlank() ? null : Path.of(keyFile), home);
    }

    @Bean
    AuditExport auditExport(AuditTrail audit, BackupSets backups, SigningKey auditSigningKey, Clock clock) {
        return new AuditExport(new AuditExport.Options(audit, backups, auditSigningKey, clock));
    }
}
