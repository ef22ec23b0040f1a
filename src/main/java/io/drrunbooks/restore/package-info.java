/**
 * Restoring data sets safely (DESIGN.md, "Restore safety (contract)").
 *
 * <p>{@link io.drrunbooks.restore.Restorer#restore} first stages every requested data set, in parallel (one thread
 * per data set up to the number of cores, {@link io.drrunbooks.restore.Staging}): one streaming pass per archive
 * decompresses it, hashes the archive file, checks each entry's path (nothing absolute, no {@code ..}, nothing
 * outside the data set, no link leading out, nothing through a symlink, no device, no duplicate) before it is
 * written into a staging directory beside the live one ({@code var/.registry.staging.<operationId>}), and each
 * file's size and sha256 as it is written; at the end the archive's sha256 must match the manifest and nothing
 * the manifest declares may be missing. If any data set fails, every staging is deleted and nothing live was
 * touched. Then the stagings are flushed to disk at once ({@code syncfs}), and each swap is journalled
 * ({@code <root>/.dr-restore/<operationId>.<dataSet>.json}, fsynced) and done by rename: live to
 * {@code <dir>.replaced.<epoch>}, staging to live. For {@code config} each file is swapped the same way.
 *
 * <p>A crash leaves a journal: in phase {@code staging} the live data is untouched and
 * {@link io.drrunbooks.restore.Restorer#recoverInterrupted} deletes the staging; in phase {@code swapping} the
 * staging was fully verified, so recovery finishes the renames. Either way the live tree is the old one or the
 * new one, never a mix. A finished operation leaves {@code <operationId>.done.json}; delivering it again returns
 * the recorded result.
 *
 * <p>Quarantine is the runbook's {@code mv var/registry var/registry.corrupted.$(date +%s)}: the directory is
 * renamed, its files hashed for the record, and made read-only until it is released or kept as evidence.
 */
package io.drrunbooks.restore;
