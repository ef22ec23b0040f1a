package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a run that failed, read from its audit trail rather than from the engine: a step ended
 * by a BPMN error (a failed verification) leaves the engine's history as a canceled activity on one
 * engine and an ordinary end on the other, while the trail records it the same way on both. A step
 * that ran out of retries counts until a later delivery of the same job completes it (an operator
 * resolved the incident); a BPMN error stays a failure, so one failed instance of a multi-instance
 * step marks the step failed whatever its siblings did.
 */
final class FailedSteps {

    private static final List<String> ENDINGS = List.of("step.completed", "step.error", "step.failed");

    private FailedSteps() {
    }

    static List<RunView.FailedStep> of(AuditTrail audit, String runId, Duration rto) {
        Map<Object, RunView.FailedStep> errors = new LinkedHashMap<>();
        Map<Object, RunView.FailedStep> outOfRetries = new LinkedHashMap<>();
        for (AuditEvent event : audit.events(runId, ENDINGS)) {
            Map<String, Object> detail = event.detail();
            Object jobKey = detail.get("jobKey");
            switch (event.type()) {
                case "step.error" -> errors.put(jobKey, failure(event, rto, detail.get("errorCode") + ": " + detail.get("message")));
                case "step.failed" -> {
                    if (Integer.valueOf(0).equals(detail.get("retriesLeft"))) {
                        outOfRetries.put(jobKey, failure(event, rto, String.valueOf(detail.get("failure"))));
                    }
                }
                default -> outOfRetries.remove(jobKey);
            }
        }
        List<RunView.FailedStep> failed = new ArrayList<>(errors.values());
        failed.addAll(outOfRetries.values());
        failed.sort(Comparator.comparing(RunView.FailedStep::endedAt));
        return failed;
    }

    private static RunView.FailedStep failure(AuditEvent event, Duration rto, String problem) {
        Instant endedAt = Instant.parse(event.at());
        long millis = event.detail().get("millis") instanceof Number number ? number.longValue() : 0;
        double rtoShare = rto.isZero() ? 0 : (double) millis / rto.toMillis();
        return new RunView.FailedStep(event.step(), endedAt.minusMillis(millis), endedAt, millis, rtoShare, problem);
    }
}
