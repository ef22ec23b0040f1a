/**
 * The audit trail: every run's events in a hash chain nobody can quietly edit.
 *
 * <p>Each event of a run has a dense sequence number and
 * {@code hash = sha256_hex(prevHash + canonicalJson(event))}, where {@code prevHash} of the first
 * event is 64 zeros and the canonical JSON is the event's fields {@code runId, seq, at, actor,
 * type, step, detail} with object keys sorted and no whitespace (Jackson, the same bytes any
 * JSON library produces for sorted keys). Anyone holding the exported events can recompute the
 * chain; an edited event breaks its own hash, a deleted one breaks the next event's link.
 */
package io.drrunbooks.audit;
