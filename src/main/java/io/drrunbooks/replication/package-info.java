/**
 * Real-time audit replication (spec 1.1: audit logs are backed up "Real-time"; 4.3: stream them
 * elsewhere). {@link io.drrunbooks.replication.AuditReplicator} follows every file under the
 * target's {@code var/audit} and appends each new record (line) to a replica directory
 * ({@code dr.audit.replica}, by default {@code <backup root>/audit-replica}), which the
 * {@code audit-log-loss} runbook reads as its external source ({@code dr.audit.external-source}).
 *
 * <p>The invariant: each replica file is a byte-exact prefix of one source file, made only of whole
 * records. So a replica file's length is its position in the source, and nothing else needs
 * saving per append: a crash, kill or restart at any point resumes exactly where the forced
 * replica ends, without losing or repeating a record. The state file beside the replica
 * ({@code .replication-state.json}) only maps source files to replica files; it is written
 * atomically, and always before the first record reaches a replica file it names.
 *
 * <p>Each pass (every {@code dr.audit.replication.interval}, 250 ms):
 * <ol>
 *   <li>Scan the source files, each known by its identity (device and inode), not by its name.</li>
 *   <li>For each followed file: gone (deleted, or rotated out of the directory) ends its stream and
 *       the replica stays complete; shorter than its replica, or different in the bytes just before
 *       the position, means truncated (or the inode was reused): its stream ends and the file
 *       starts a new replica file; found under another name means rotated by rename: it is
 *       followed under the new name into the same replica.</li>
 *   <li>For each file not followed yet: one that begins with the whole content of a replica no
 *       stream feeds any more is a copy of that file (copy-and-truncate rotation) and continues that
 *       replica, so the records written just before the truncation are not lost; one that begins
 *       like a replica still fed is a copy being made and waits; any other starts a replica named
 *       after it ({@code name~n} when taken). Empty files wait, as they could still be either.</li>
 *   <li>Append the complete records after each replica's end and force them (and any new file's
 *       directory) to disk: durable within one interval.</li>
 * </ol>
 * The lag (bytes in followed files not yet replicated, and since when) shows in
 * {@code /actuator/health} as {@code auditReplica}. Records written and destroyed within one pass
 * (a truncation with no copy) cannot be seen by anyone following a file, and are lost.
 */
package io.drrunbooks.replication;
