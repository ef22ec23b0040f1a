package io.drrunbooks.runbook;

import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.notify.Incidents;
import io.drrunbooks.verify.Verification;
import org.springframework.stereotype.Component;

/**
 * Every verification of a set goes into the log the backups view and the RPO check read; a set that
 * fails it is reported: as data corruption, or as a security incident when the path rules refused an
 * entry (a hostile archive, not damage).
 */
@Component
class VerificationRecords {

    private final VerificationLog log;
    private final Incidents incidents;

    VerificationRecords(VerificationLog log, Incidents incidents) {
        this.log = log;
        this.incidents = incidents;
    }

    /**
     * A verification of every data set of the set: it marks the set verified or failed, whichever way it went.
     *
     * @param runId the run that verified the set, or null (the service's own check at start)
     */
    void record(Verification verification, String runId) {
        log.record(verification.setId(), verification, runId);
        if (verification.hostile()) {
            incidents.report(Incidents.SECURITY_INCIDENT, "hostile archive refused: " + verification.message(), runId);
        } else if (!verification.ok()) {
            incidents.report(Incidents.DATA_CORRUPTION, "backup set fails verification: " + verification.message(), runId);
        }
    }

    /**
     * A verification of some of the set's data sets only. A failure fails the set (part of it cannot be restored);
     * a pass says nothing of the other data sets, so it is not recorded: it neither marks the set verified nor
     * clears the failure a full verification found.
     */
    void recordPartial(Verification verification, String runId) {
        if (!verification.ok()) {
            record(verification, runId);
        }
    }
}
