/**
 * Platform God's own audit logs ({@code var/audit}): JSON-lines records, the gap between a restored
 * copy and an external one (spec 4.3), and merging the missing records back.
 *
 * <p>A record is one line, compared by its exact text, so a line that is not JSON is a record like
 * any other and is never dropped; a JSON record's time is its {@code ts}, {@code timestamp},
 * {@code time}, {@code @timestamp} or {@code at} field. The external copy is read file by file in
 * name order; the records it holds more often than the restored tree are missing, and each run of
 * consecutive missing records is one gap range (first and last time, count). A merge writes the
 * missing records, in the external copy's order, to one new file in {@code var/audit} (existing
 * files are never rewritten), then reads everything back to prove the gap is closed.
 */
package io.drrunbooks.auditlog;
