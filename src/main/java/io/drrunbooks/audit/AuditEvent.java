package io.drrunbooks.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * One link of a run's chain, exactly as {@code GET /api/runs/{runId}/audit} returns it.
 *
 * @param runId the run, in the URL of the export rather than in every event (it is part of the hashed JSON)
 * @param at ISO-8601 instant, millisecond precision
 */
@JsonPropertyOrder({"seq", "at", "actor", "type", "step", "detail", "hash", "prevHash"})
public record AuditEvent(@JsonIgnore String runId, int seq, String at, String actor, String type, String step,
                         Map<String, Object> detail, String hash, String prevHash) {
}
