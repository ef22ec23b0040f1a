package io.drrunbooks.runbook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A run as the REST API shows it ({@code GET /api/runs/{runId}}).
 *
 * @param drill whether the run works on a scratch copy, leaving the live target untouched
 * @param rtoWarning after how long the commander is warned (ISO-8601, the RTO's warning share); null without an RTO
 * @param predictedFinish from past runs' step durations ({@link FinishPrediction}); null without history
 * @param failedSteps steps that ended in a BPMN error or ran out of retries ({@link FailedSteps})
 */
@JsonPropertyOrder({"runId", "runbook", "drill", "state", "outcome", "startedAt", "endedAt", "rto", "rtoWarning", "rtoDeadline", "rtoBreached",
        "rtoElapsedSeconds", "rtoRemainingSeconds", "predictedFinish", "startedBy", "reason", "activeSteps", "completedSteps", "failedSteps"})
public record RunView(String runId, String runbook, boolean drill, String state, String outcome, Instant startedAt, Instant endedAt,
                      String rto, String rtoWarning, Instant rtoDeadline, boolean rtoBreached, long rtoElapsedSeconds,
                      long rtoRemainingSeconds, Instant predictedFinish, String startedBy, String reason, List<String> activeSteps,
                      List<Step> completedSteps, List<FailedStep> failedSteps) {

    /** A finished step and its share of the RTO budget. */
    public record Step(String step, String name, Instant startedAt, Instant endedAt, long durationMillis,
                       double rtoShare) {
    }

    /** A step that failed: when, for how long it ran, and the problem it reported. */
    public record FailedStep(String step, Instant startedAt, Instant endedAt, long durationMillis, double rtoShare,
                             String problem) {
    }
}
