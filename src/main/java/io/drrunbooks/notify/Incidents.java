package io.drrunbooks.notify;

import io.drrunbooks.audit.ChainCheck;

/**
 * Events that call for a notification outside a runbook's start: a set that fails verification, a
 * failed backup, verification or retention run, backups older than the RPO, a refused hostile
 * archive, an audit chain that does not verify. Each distinct problem raises one notification,
 * however often a check sees it again; reporting never throws, so no check or step fails for it.
 */
public interface Incidents {

    String DATA_CORRUPTION = "data-corruption";
    String BACKUP_FAILURE = "backup-failure";
    String SECURITY_INCIDENT = "security-incident";

    /**
     * @param problem what is wrong, in words that stay the same each time the same problem is seen
     *                (no ages, no times of the check): it names the notification and tells it apart
     * @param runId   the run that found it, or null
     */
    void report(String issueType, String problem, String runId);

    /** A run's audit chain that does not recompute: someone altered or removed its records. */
    default void chainBroken(ChainCheck check) {
        report(SECURITY_INCIDENT, "the audit trail of run " + check.runId() + " does not verify from event "
                + check.firstBadSeq() + ": " + check.problem(), null);
    }
}
