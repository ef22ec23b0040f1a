package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * {@code start-scheduled-run}: a schedule's timer fired; start the run it stands for through the run
 * service, so a scheduled backup is a run like one started through the API (its own id, RTO,
 * audit trail). The schedule's process id says which runbook, with which fields. A redelivered job
 * finds the run it started in the schedule's trail and starts nothing.
 */
@Component
class StartScheduledRunStep implements StepHandler {

    static final String STARTED = "schedule.started-run";
    private static final Map<String, StartRequest> BY_SCHEDULE = Map.of(
            "schedule-daily-backup", request("backup", "daily schedule", Map.of()),
            "schedule-weekly-backup", request("backup", "weekly schedule", Map.of("weekly", true)),
            "schedule-backup-verification", request("verify-backup", "weekly schedule", Map.of()),
            "schedule-backup-retention", request("prune-backups", "daily schedule", Map.of()));

    private final ObjectProvider<RunService> runs; // the engine calls this step: look the service up when needed
    private final AuditTrail audit;

    StartScheduledRunStep(ObjectProvider<RunService> runs, AuditTrail audit) {
        this.runs = runs;
        this.audit = audit;
    }

    @Override
    public String jobType() {
        return "start-scheduled-run";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        Optional<AuditEvent> earlier = audit.first(context.runId(), STARTED, detail -> true);
        if (earlier.isPresent()) {
            return Map.of("startedRunId", earlier.get().detail().get("runId"));
        }
        StartRequest request = BY_SCHEDULE.get(context.processId());
        if (request == null) {
            throw new IllegalStateException("schedule '" + context.processId() + "' names no runbook; known: " + BY_SCHEDULE.keySet());
        }
        String runId = runs.getObject().start(request);
        audit.append(context.runId(), request.startedBy(), STARTED, context.step(), Map.of("runbook", request.runbook(), "runId", runId));
        return Map.of("startedRunId", runId);
    }

    private static StartRequest request(String runbook, String reason, Map<String, Object> fields) {
        return new StartRequest(runbook, reason, "schedule", fields);
    }
}
