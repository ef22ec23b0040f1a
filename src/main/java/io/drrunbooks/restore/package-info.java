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
 * touched. Every data set is journalled ({@code <root>/.dr-restore/<operationId>.<dataSet>.json}, fsynced) before
 * its staging starts. Then the stagings are flushed to disk at once ({@code syncfs}), the operation commits by
 * writing its result ({@code <operationId>.done.json}, fsynced), and each data set is swapped by rename: live to
 * {@code <dir>.replaced.<epoch>}, staging to live, its journal entry deleted. For {@code config} each file is
 * swapped the same way.
 *
 * <p>A crash leaves journal entries: without the commit the live data is untouched and
 * {@link io.drrunbooks.restore.Restorer#recoverInterrupted} deletes the stagings; with it every staging was fully
 * verified, so recovery finishes the renames of every data set left. So each data set is the old tree or the new
 * one, never a mix, and the data sets of one operation are all old or all new. Delivering a committed operation
 * again finishes what is left and returns the recorded result.
 *
 * <p>Locks are per data set ({@link io.drrunbooks.restore.DataSetLocks}, {@code .dr-restore/.<dataSet>.lock}, held
 * across processes): a restore holds those of all its data sets from before its first journal entry is written until
 * its last is deleted, and recovery takes an entry's data set lock and reads the entry again before it touches it. So
 * recovery never mistakes a running restore for a crashed one, two restores of one data set take turns, and the
 * restores of different data sets (server loss restores every data set at once) run side by side.
 *
 * <p>Quarantine is the runbook's {@code mv var/registry var/registry.corrupted.$(date +%s)}: the directory is
 * renamed, its files hashed for the record, and made read-only until it is released or kept as evidence.
 */
package io.drrunbooks.restore;
