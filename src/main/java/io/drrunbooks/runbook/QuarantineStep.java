package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.restore.Quarantine;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.target.Target;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
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
    private final Target target;
    private final Restorer restorer;
    private final AuditTrail audit;

    QuarantineStep(Target target, Restorer restorer, AuditTrail audit) {
        this.target = target;
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
            Optional<AuditEvent> earlier = audit.events(context.runId()).stream()
                    .filter(e -> EVENT.equals(e.type()) && dataSet.equals(e.detail().get("dataSet"))).findFirst();
            if (earlier.isPresent()) {
                quarantines.put(dataSet, earlier.get().detail().get("quarantined"));
                continue;
            }
            String directory = target.layout().dataSets(java.util.List.of(dataSet)).get(0).directory();
            if (!Files.exists(target.layout().resolve(directory))) {
                audit.append(context.runId(), context.string("startedBy"), "data-set.missing", context.step(),
                        Map.of("dataSet", dataSet, "live", directory, "note", "nothing to quarantine"));
                continue;
            }
            Quarantine quarantine = restorer.quarantine(target.layout(), dataSet, "corrupted");
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
