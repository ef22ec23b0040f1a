package io.drrunbooks.runbook;

import io.drrunbooks.engine.StepContext;
import io.drrunbooks.notify.Incidents;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A backup, verification or retention run that fails (spec 7: backup failure) is reported, whether
 * its step raised the runbook's error or ran out of retries.
 */
@Component
class OperatorRunFailures {

    /** The steps of the operator's runbooks, and which kind of run a failure of each ends. */
    private static final Map<String, String> RUN_OF_STEP = Map.of("write-daily-backup", "backup",
            "write-weekly-backup", "backup", "verify-new-backup", "backup", "test-restore-backup", "verification",
            "prune-backups", "retention");

    private final Incidents incidents;

    OperatorRunFailures(Incidents incidents) {
        this.incidents = incidents;
    }

    void failed(StepContext context, String reason) {
        String run = RUN_OF_STEP.get(context.jobType());
        if (run != null) {
            incidents.report(Incidents.BACKUP_FAILURE, run + " run " + context.runId() + " failed at step "
                    + context.step() + ": " + reason, context.runId());
        }
    }
}
