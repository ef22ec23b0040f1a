package io.drrunbooks.auditlog;

/** One audit-log line, the file it came from, and its time if it is JSON with one. */
record Record(String line, String file, String at) {
}
