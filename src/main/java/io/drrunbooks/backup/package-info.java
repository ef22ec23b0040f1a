/**
 * Backup sets: writing, listing and opening them (DESIGN.md, "Backup set format (contract)").
 *
 * <p>{@link io.drrunbooks.backup.BackupSets#write} reserves an id ({@code YYYYMMDD_HHMMSS}, UTC, the next free
 * second if taken) by creating {@code .<id>.partial}, streams each data set into {@code <name>.tar.gz} (POSIX tar,
 * entries relative to the target root like {@code tar -czf X -C root var/registry/}, sorted), hashing each file
 * as it enters the archive and the archive as it reaches the disk, fsyncs everything, writes {@code manifest.txt}
 * and {@code SHA256SUMS}, then {@code manifest.json} last, and renames the directory to its id. A crash leaves
 * only a {@code .partial} directory, which listing ignores.
 *
 * <p>Sets written by the spec's own script have no {@code manifest.json}; opening one streams each archive
 * once to compute it ({@code "origin":"backup_platform_god.sh"}) and caches it in the set directory, so later
 * verification compares against what the archives held when first seen.
 *
 * <p>{@link io.drrunbooks.backup.BackupSet#scan} is the one streaming reader the verify and restore packages
 * share: every archive byte is read once, and each entry's content is hashed as the visitor consumes it.
 */
package io.drrunbooks.backup;
