package io.drrunbooks.runbook;

import java.util.Set;

/**
 * Which run variables a start may set. A start field becomes a run variable, and the models branch on
 * run variables: {@code "approved": true} at start would pass an approval nobody gave where the form
 * leaves the box unticked, {@code "outcome": "RECOVERED"} would report a recovery that never happened.
 * So every variable the runbooks set and read themselves is reserved, and one place lists them all:
 * {@code StartGuardsTest} fails when a model or a form reads a variable that is neither here nor a
 * start field. The fields of the forms (what a user task's completion writes) are reserved as well;
 * {@link StartFields} reads those from the forms themselves.
 */
final class RunVariables {

    /** What a start may give (beside {@code runbook}, {@code reason}); any name not reserved is fine too. */
    static final Set<String> START_FIELDS = Set.of(RunTargets.DRILL, "dataSets", RunTargets.TARGET_ROOT, "backupSet",
            "weekly", "dryRun", TargetRoots.OVERWRITE);

    static final Set<String> RESERVED = Set.of(
            // set by RunService at start, and by the engine
            "runbook", RunService.RUN_REASON, "startedBy", "startedAt", "rto", "rtoWarning", "rpo", "dataSetsGiven",
            "rtoBreached", "runId", RunService.ROOT_HAS_DATA,
            // set by RunService at each task's completion
            RunService.COMPLETED_BY,
            // a multi-instance restore's element and counter (server-loss)
            "dataSet", "loopCounter",
            // select-backup
            "backupSetId", "backupSetCreatedAt", "backupAgeSeconds", "backupAge", "rpoMet", "rpoCheck", "skippedSets",
            "skippedSummary", "changes", "changeSummary", "noUsableBackup",
            // quarantine, restore, verification, outcomes
            "quarantines", "restored", "configRestored", "outcome", "verification", "verificationProblems",
            "failureReason", "rtoWarned", "rtoMet", "stopCommand", "startCommand", "health", "publicHealth",
            // audit-log-loss
            "gapRanges", "missingRecords", "gapSummary", "mergeAvailable", "mergedRecords",
            // the operator's runbooks and their schedules
            "backupKind", "pruneDecisions", "protectedSets", "startedRunId");

    private RunVariables() {
    }
}
