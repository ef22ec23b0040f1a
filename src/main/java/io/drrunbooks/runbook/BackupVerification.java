package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.verify.SetVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Verifies, once the service is up, every backup set that was never verified, so the backups view
 * and the RPO check know which sets can be trusted before anyone needs one. Runs in the background:
 * a large set must not hold up the start of a recovery service.
 */
@Component
class BackupVerification {

    private static final Logger log = LoggerFactory.getLogger(BackupVerification.class);
    private final BackupSets backups;
    private final VerificationLog verifications;
    private final VerificationRecords records;
    private final SetVerifier verifier = new SetVerifier();

    BackupVerification(BackupSets backups, VerificationLog verifications, VerificationRecords records) {
        this.backups = backups;
        this.verifications = verifications;
        this.records = records;
    }

    @EventListener(ApplicationReadyEvent.class)
    void verifyUnverifiedSets() {
        Thread worker = new Thread(() -> {
            for (BackupSet set : backups.list()) {
                if (verifications.latest(set.id()).isEmpty()) {
                    var verification = verifier.verify(set);
                    records.record(verification, null);
                    if (!verification.ok()) {
                        log.warn("backup set {} does not verify: {}", set.id(), verification.message());
                    }
                }
            }
        }, "dr-backup-verification");
        worker.setDaemon(true);
        worker.start();
    }
}
