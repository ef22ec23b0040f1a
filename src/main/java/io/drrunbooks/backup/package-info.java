/**
 * Backup sets: writing, listing and opening them (DESIGN.md, "Backup set format (contract)").
 *
 * <p>{@link io.drrunbooks.backup.BackupSets#write} reserves an id ({@code YYYYMMDD_HHMMSS}, UTC, the next free
 * second if taken) by creating {@code .<id>.partial}, streams each data set into {@code <name>.tar.gz} (POSIX tar,
 * entries relative to the target root like {@code tar -czf X -C root var/registry/}, sorted), hashing each file
 * as it enters the archive and the archive as it reaches the disk, fsyncs each archive, writes {@code manifest.txt}
 * and {@code SHA256SUMS}, then {@code manifest.json} last, and renames the directory to its id. A crash leaves
 * only a {@code .partial} directory, which listing ignores.
 *
 * <p>The data sets are written at the same time ({@link io.drrunbooks.backup.ParallelArchives}), one thread each
 * up to the number of cores, walking, hashing and writing tar in order, while the deflating of all of them shares
 * one pool of a thread per core ({@link io.drrunbooks.backup.gzip}): each byte is read once, hashed, and handed
 * over in 128 KiB blocks. Small files cost one {@code lstat}, one open and one read each
 * ({@link io.drrunbooks.backup.FileMetadata}); the archives are standard gzip at the configured level
 * ({@link io.drrunbooks.backup.BackupOptions#compressionLevel()}), with random data stored, not deflated, cut into
 * members of about 2 MiB of tar stream whose index goes into the manifest ({@link io.drrunbooks.backup.ArchiveMember},
 * {@link io.drrunbooks.backup.ArchiveMembers}), so a restore reads them on every core
 * ({@link io.drrunbooks.backup.BackupSet#scanInParallel}). Each file's record is spooled to the partial directory
 * as it enters the archive ({@link io.drrunbooks.backup.FileSpool}) and {@code manifest.json} is written and read
 * as a stream ({@link io.drrunbooks.backup.ManifestJson}, {@link io.drrunbooks.backup.FileList}): no list of a
 * million files is ever held in memory.
 *
 * <p>Sets written by the spec's own script have no {@code manifest.json}; opening one streams each archive
 * once to compute it ({@code "origin":"backup_platform_god.sh"}) and caches it in the set directory, so later
 * verification compares against what the archives held when first seen. Their names are the script host's local
 * time, read in the zone of manifest.txt's {@code Backup Date:} ({@link io.drrunbooks.backup.LegacySets#takenAt}).
 *
 * <p>{@link io.drrunbooks.backup.BackupSets#catalogue} lists every complete-looking set, newest first by the time
 * it was taken; one that does not open is there as an {@link io.drrunbooks.backup.UnreadableSet} with why, so a
 * damaged set is reported instead of silently missing. {@link io.drrunbooks.backup.BackupSets#list} is the sets
 * that open.
 *
 * <p>{@link io.drrunbooks.backup.BackupSet#scan} is the one streaming reader the verify and restore packages
 * share: every archive byte is read once, and each entry's content is hashed as the visitor consumes it. It reads
 * concatenated gzip members as one stream, as gzip(1) and GNU tar do, so archives from pigz-like tools or
 * {@code cat a.gz b.gz} are read whole.
 *
 * <p>Every read is bounded by what the manifest records ({@link io.drrunbooks.backup.ArchiveLimits}): the pass
 * stops the moment the uncompressed tar stream grows past the files' sizes plus room for headers and padding, or
 * the entries past their count, so a decompression bomb costs at most that much; the verifier also refuses a
 * file whose tar header is bigger than the manifest says before a byte of it is read. A legacy set's first read,
 * which computes its manifest, is bounded by {@link io.drrunbooks.backup.LegacyCeiling} instead.
 *
 * <p>The {@code config} archive holds {@code .env}: it is created owner-only (0600) and, given an
 * {@link io.drrunbooks.backup.ArchiveKey}, encrypted as {@code config.tar.gz.enc} ({@link io.drrunbooks.backup.crypto});
 * its record says so, with the key's id, so a wrong key is told from a damaged archive; its size and sha256 are of
 * the encrypted file, so {@code sha256sum -c SHA256SUMS} still works without the key.
 */
package io.drrunbooks.backup;
