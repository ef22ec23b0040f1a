package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.restore.Quarantine;
import io.drrunbooks.restore.Restorer;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code quarantine-data-sets}: the spec's {@code mv var/registry var/registry.corrupted.$(date +%s)}
 * for each data set of the run. The quarantined tree is made read-only and its file hashes, who,
 * when and why go to the audit trail. A redelivered job finds its own earlier quarantine in the
 * run's trail and does not move anything twice.
 */
@Component
class QuarantineStep implements StepHandler {

    static final String EVENT = "data-set.quarantined";
    private final RunTargets targets;
    private final Restorer restorer;
    private final AuditTrail audit;

    QuarantineStep(RunTargets targets, Restorer restorer, AuditTrail audit) {
        this.targets = targets;
        this.restorer = restorer;
        this.audit = audit;
    }

    @Override
    public String jobType() {
        return "quarantine-data-sets";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        Map<String, Object> quarantines = new LinkedHashMap<>();
        for (String dataSet : context.strings("dataSets")) {
            Optional<AuditEvent> earlier = audit.first(context.runId(), EVENT, detail -> dataSet.equals(detail.get("dataSet")));
            if (earlier.isPresent()) {
                quarantines.put(dataSet, earlier.get().detail().get("quarantined"));
                continue;
            }
            Path live = targets.directory(context, dataSet);
            if (!Files.exists(live)) {
                audit.append(context.runId(), context.string("startedBy"), "data-set.missing", context.step(),
                        Map.of("dataSet", dataSet, "live", live.toString(), "note", "nothing to quarantine"));
                continue;
            }
            Quarantine quarantine = restorer.quarantine(targets.layout(context), dataSet, "corrupted");
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("dataSet", dataSet);
            detail.put("live", quarantine.live().toString());
            detail.put("quarantined", quarantine.quarantined().toString());
            detail.put("why", context.optionalString(RunService.RUN_REASON).orElse(""));
            detail.put("files", quarantine.fileSha256());
            audit.append(context.runId(), context.string("startedBy"), EVENT, context.step(), detail);
            quarantines.put(dataSet, quarantine.quarantined().toString());
        }
        return Map.of("quarantines", quarantines);
    }
}
