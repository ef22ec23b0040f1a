package io.drrunbooks.runbook;

import io.drrunbooks.rto.RtoBudget;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A runbook: its BPMN process id, its objectives, the data sets it restores (by default, and the only
 * ones a start may name; none configured: any) and the job types of its model's service tasks.
 */
public record Runbook(String id, RtoBudget budget, Duration rpo, List<String> dataSets, Set<String> jobTypes) {

    /** The step that ends a recovery: it writes the report and removes a drill's scratch copy. */
    static final String FINISH_RUN = "finish-run";
    /** The runbook that rebuilds a lost server, on a new root of its own. */
    static final String SERVER_LOSS = "server-loss";
    /** The step that restores the configuration archive, only once a form confirmed the overwrite. */
    static final String RESTORE_CONFIG = "restore-config";

    public Runbook {
        dataSets = List.copyOf(dataSets);
        jobTypes = Set.copyOf(jobTypes);
    }

    /**
     * Whether it can run as a drill: only a runbook that ends with {@code finish-run} reports the drill
     * and removes its scratch copy, and only a recovery works on the target that a drill copies. The
     * operator's runbooks (backup, verification, retention) work on the backup root, for real.
     */
    public boolean drillable() {
        return jobTypes.contains(FINISH_RUN);
    }

    /** Whether it restores a whole server, meant for a new, empty root (so it may name one not yet allowed). */
    boolean rebuildsServer() {
        return SERVER_LOSS.equals(id);
    }

    /** Whether it restores {@code config} in a step of its own, after a form confirmed the overwrite. */
    boolean confirmsConfig() {
        return jobTypes.contains(RESTORE_CONFIG);
    }
}
