package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code finish-run}: the last step of every recovery runbook, after its timed scope. It writes the
 * run's report into the audit trail (steps and their durations, RTO met or not, outcome, the
 * verification results, and a restore a crash interrupted and the next start finished or rolled back)
 * and, for a drill, removes the scratch copy, so a weekly drill leaves nothing behind but its report.
 */
@Component
class FinishRunStep implements StepHandler {

    /**
     * The results of the runbooks' checks, as their steps left them: the registry-corruption and
     * restore verification, server loss's health and public health, the audit gap and its merge.
     */
    private static final List<String> VERIFICATION_RESULTS = List.of("verification", "verificationProblems", "health",
            "publicHealth", "missingRecords", "mergedRecords");

    private final AuditTrail audit;
    private final DrillScratch drills;
    private final TargetHolds holds;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    FinishRunStep(AuditTrail audit, DrillScratch drills, TargetHolds holds, Clock clock, ApplicationEventPublisher events) {
        this.audit = audit;
        this.holds = holds;
        this.drills = drills;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public String jobType() {
        return "finish-run";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        List<Map<String, Object>> steps = new ArrayList<>();
        List<Object> interruptedRestore = new ArrayList<>();
        // each data set of a parallel restore verifies on its own: the trail, not a run variable, holds each result
        Map<String, Object> dataSets = new TreeMap<>();
        for (AuditEvent event : audit.events(context.runId())) {
            if (event.type().equals("step.completed") || event.type().equals("step.error")) {
                steps.add(Map.of("step", event.step(), "millis", event.detail().get("millis")));
            } else if (event.type().equals("restore.recovered")) {
                interruptedRestore.add(event.detail().get("description"));
            } else if (event.type().equals(DataSetSteps.VERIFIED)) {
                dataSets.put(String.valueOf(event.detail().get("dataSet")), Map.of("verified", event.detail().get("verified"),
                        "problems", event.detail().get("problems")));
            }
        }
        Duration elapsed = Duration.between(Instant.parse(context.string("startedAt")), Instant.now(clock));
        Duration rto = context.duration("rto");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runbook", context.string("runbook"));
        report.put("drill", context.flag(RunTargets.DRILL));
        report.put("outcome", context.optionalString("outcome").orElse("UNKNOWN"));
        report.put("elapsed", elapsed.toString());
        report.put("rto", rto.toString());
        report.put("rtoMet", elapsed.compareTo(rto) <= 0 && !context.flag("rtoBreached"));
        report.put("steps", steps);
        if (!interruptedRestore.isEmpty()) {
            // a crash cut the restore step short; the start after it finished or rolled back what it had begun
            report.put("interruptedRestore", interruptedRestore);
        }
        if (!dataSets.isEmpty()) {
            report.put("dataSetVerification", dataSets);
        }
        VERIFICATION_RESULTS.forEach(name -> context.variable(name).ifPresent(value -> report.put(name, value)));
        drills.remove(context.runId(), context.variables()).ifPresent(scratch -> report.put("scratchRemoved", scratch.toString()));
        events.publishEvent(new RunEnded(context.runId(), context.string("runbook"), (String) report.get("outcome")));
        audit.append(context.runId(), StepAudit.ACTOR, "run.report", context.step(), report);
        holds.release(context.runId()); // after the report: a job delivered twice finds nothing left to release
        return Map.of("rtoMet", report.get("rtoMet"));
    }
}
