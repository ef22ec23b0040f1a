/**
 * A run's audit trail as a signed bundle an auditor checks without the service.
 *
 * <p>The bundle is a zip: {@code bundle.json} (run id, export time and user, the head event's seq
 * and hash, the key's fingerprint), {@code events.json} (the run's events exactly as
 * {@code GET /api/runs/{runId}/audit} shows them), {@code backup-sets.json} (every set the run's
 * events name as {@code backupSetId}, with the sha256 of its {@code manifest.json} and of each
 * archive as its manifest records it), {@code public-key.pem}; then {@code SHA256SUMS} over those
 * four in {@code sha256sum} format, and {@code SHA256SUMS.sig}, the raw Ed25519 signature of
 * {@code SHA256SUMS}. Signing one small canonical file rather than the zip lets standard tools check
 * it: {@code openssl pkeyutl -verify -rawin} and {@code sha256sum -c}.
 *
 * <p>Checking ({@link io.drrunbooks.auditexport.BundleCheck}) goes from the outside in: the key (the
 * bundle's own, or refused unless it is the pinned one), the signature, each entry against the
 * signed sums, then the chain recomputed from {@code events.json} by the hash rule of the
 * {@code audit} package, its last event against the head {@code bundle.json} states, and optionally
 * the sets' files on disk. The first thing that fails is named; nothing after it is trusted.
 *
 * <p>The export appends an {@code audit.exported} event (who, which head, the sha256 of the signed
 * {@code SHA256SUMS}) after the head it exports, so the chain's head moves past every bundle.
 */
package io.drrunbooks.auditexport;
