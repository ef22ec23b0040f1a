package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code record-outcome}: ends a path of a runbook with the outcome its element names, so that a
 * model says {@code outcome-no-usable-backup} and the run's outcome becomes {@code NO_USABLE_BACKUP}
 * without a handler per outcome (the portable subset has no input mappings to pass it otherwise).
 */
@Component
class RecordOutcomeStep implements StepHandler {

    static final String PREFIX = "outcome-";
    private final AuditTrail audit;

    RecordOutcomeStep(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public String jobType() {
        return "record-outcome";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        if (!context.step().startsWith(PREFIX)) {
            throw new IllegalStateException("a record-outcome task's id must be " + PREFIX + "<outcome>, not '" + context.step() + "'");
        }
        String outcome = context.step().substring(PREFIX.length()).replace('-', '_').toUpperCase(Locale.ROOT);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", outcome);
        for (String why : new String[] {"verificationProblems", "failureReason", "skippedSummary", "rpoCheck"}) {
            context.variable(why).ifPresent(value -> detail.put(why, value));
        }
        audit.append(context.runId(), StepAudit.ACTOR, "run.outcome", context.step(), detail);
        return Map.of("outcome", outcome);
    }
}
