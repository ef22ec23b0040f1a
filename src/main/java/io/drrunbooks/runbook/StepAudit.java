package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepObserver;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes every step execution into its run's audit chain, with its duration; a step that ends its run
 * in failure is reported too, and what the run did to the target is undone ({@link Compensation}).
 */
@Component
class StepAudit implements StepObserver {

    static final String ACTOR = "dr-runbooks";
    private final AuditTrail audit;
    private final OperatorRunFailures failures;
    private final Compensation compensation;

    StepAudit(AuditTrail audit, OperatorRunFailures failures, Compensation compensation) {
        this.audit = audit;
        this.failures = failures;
        this.compensation = compensation;
    }

    /** A job finished before and delivered again (a lost report, a restart) is audited as the repeat it is. */
    @Override
    public void started(StepContext context) {
        Predicate<Map<String, Object>> sameJob = detail -> context.jobKey().equals(detail.get("jobKey"));
        boolean repeat = audit.first(context.runId(), "step.completed", sameJob).isPresent()
                || audit.first(context.runId(), "step.error", sameJob).isPresent();
        audit.append(context.runId(), ACTOR, repeat ? "step.repeated" : "step.started", context.step(), base(context));
    }

    @Override
    public void completed(StepContext context, Map<String, Object> output, Duration took) {
        Map<String, Object> detail = base(context);
        detail.put("millis", took.toMillis());
        detail.put("output", output);
        audit.append(context.runId(), ACTOR, "step.completed", context.step(), detail);
    }

    @Override
    public void businessError(StepContext context, BpmnError error, Duration took) {
        Map<String, Object> detail = base(context);
        detail.put("millis", took.toMillis());
        detail.put("errorCode", error.code());
        detail.put("message", error.getMessage());
        detail.put("output", error.variables());
        audit.append(context.runId(), ACTOR, "step.error", context.step(), detail);
        failures.failed(context, error.getMessage());
    }

    @Override
    public void failed(StepContext context, Exception failure, Duration took) {
        Map<String, Object> detail = base(context);
        detail.put("millis", took.toMillis());
        detail.put("failure", String.valueOf(failure.getMessage()));
        detail.put("retriesLeft", context.retriesLeft());
        audit.append(context.runId(), ACTOR, "step.failed", context.step(), detail);
        if (context.retriesLeft() == 0) { // the run stops here, at an incident: undo what it did to the target
            failures.failed(context, String.valueOf(failure.getMessage()));
            compensation.compensate(context.runId(), context.variables(), "failed",
                    "step " + context.step() + " failed: " + failure.getMessage(), ACTOR);
        }
    }

    private static Map<String, Object> base(StepContext context) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("jobType", context.jobType());
        detail.put("jobKey", context.jobKey());
        return detail;
    }
}
