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
 * when and why go to the audit trail: the hashes as a file beside the quarantine ({@code <quarantine>.files.json}),
 * the trail naming it with its sha256 ({@link QuarantinedFiles} reads it back against that). Before the move, the step records where the tree is going
 * ({@code data-set.quarantining}); a job delivered again after a crash finds that in the run's
 * trail and finishes the same quarantine (the move if it had not happened, then read-only and
 * hashes), so the run still knows its quarantine and a rejection moves it back. A job delivered
 * again after the quarantine was recorded returns it and moves nothing.
 */
@Component
class QuarantineStep implements StepHandler {

    static final String EVENT = "data-set.quarantined";
    static final String INTENT = "data-set.quarantining";
    private static final String LABEL = "corrupted";
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
            Optional<AuditEvent> done = earlier(context, EVENT, dataSet);
            if (done.isPresent()) {
                quarantines.put(dataSet, done.get().detail().get("quarantined"));
                continue;
            }
            Optional<Path> planned = earlier(context, INTENT, dataSet)
                    .map(intent -> Path.of(intent.detail().get("quarantined").toString()));
            Path live = targets.directory(context, dataSet);
            if (planned.isEmpty() && !Files.exists(live)) {
                audit.append(context.runId(), context.string("startedBy"), "data-set.missing", context.step(),
                        Map.of("dataSet", dataSet, "live", live.toString(), "note", "nothing to quarantine"));
                continue;
            }
            Path quarantined = planned.orElseGet(() -> intend(context, dataSet, live));
            Quarantine quarantine = restorer.quarantine(targets.layout(context), dataSet, quarantined);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("dataSet", dataSet);
            detail.put("live", quarantine.live().toString());
            detail.put("quarantined", quarantine.quarantined().toString());
            detail.put("why", context.optionalString(RunService.RUN_REASON).orElse(""));
            // the list itself would not fit an audit row for a big tree: its count, where it is and its sha256 do
            detail.put("fileCount", quarantine.fileSha256().size());
            detail.put("fileList", quarantine.fileList().toString());
            detail.put("fileListSha256", quarantine.fileListSha256());
            audit.append(context.runId(), context.string("startedBy"), EVENT, context.step(), detail);
            quarantines.put(dataSet, quarantine.quarantined().toString());
        }
        return Map.of("quarantines", quarantines);
    }

    /** Records where the live tree is about to go, before it goes there. */
    private Path intend(StepContext context, String dataSet, Path live) {
        Path quarantined = restorer.planQuarantine(targets.layout(context), dataSet, LABEL);
        audit.append(context.runId(), context.string("startedBy"), INTENT, context.step(), Map.of("dataSet", dataSet,
                "live", live.toString(), "quarantined", quarantined.toString(), "jobKey", context.jobKey()));
        return quarantined;
    }

    private Optional<AuditEvent> earlier(StepContext context, String type, String dataSet) {
        return audit.first(context.runId(), type, detail -> dataSet.equals(detail.get("dataSet")));
    }
}
