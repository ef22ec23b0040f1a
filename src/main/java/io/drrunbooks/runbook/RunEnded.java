package io.drrunbooks.runbook;

/**
 * A run of a runbook has ended: its {@code finish-run} step is about to write the report, or it was
 * cancelled. Published synchronously, before the report or the cancellation is in the trail, so what a
 * listener records there comes before the run's last event. A listener must not throw.
 *
 * @param outcome the run's outcome ({@code RECOVERED}, {@code REJECTED}, ...), {@code CANCELED} for a cancel
 */
public record RunEnded(String runId, String runbook, String outcome) {
}
