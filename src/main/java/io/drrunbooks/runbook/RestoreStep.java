package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.restore.RestoreResult;
import io.drrunbooks.restore.Restorer;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code restore-data-sets}: restores the run's data sets from the chosen set under the restore
 * safety contract (verify, stage, verify every file, atomic swap, old tree kept). The run id is the
 * restore's operation id, so a redelivered job returns the first restore's result.
 */
@Component
class RestoreStep implements StepHandler {

    private final BackupSets backups;
    private final Restorer restorer;
    private final RunTargets targets;
    private final AuditTrail audit;

    RestoreStep(BackupSets backups, Restorer restorer, RunTargets targets, AuditTrail audit) {
        this.backups = backups;
        this.restorer = restorer;
        this.targets = targets;
        this.audit = audit;
    }

    @Override
    public String jobType() {
        return "restore-data-sets";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        String setId = context.string("backupSetId");
        RestoreResult result = restorer.restore(backups.open(setId), targets.layout(context), context.strings("dataSets"),
                context.runId());
        List<Map<String, Object>> restored = result.dataSets().stream().map(d -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dataSet", d.dataSet());
            entry.put("live", d.live().toString());
            entry.put("replacedTree", d.quarantine() == null ? null : d.quarantine().toString());
            entry.put("files", d.files());
            entry.put("bytes", d.bytes());
            return entry;
        }).toList();
        audit.append(context.runId(), StepAudit.ACTOR, "data-sets.restored", context.step(),
                Map.of("backupSetId", setId, "dataSets", restored));
        return Map.of("restored", restored);
    }
}
