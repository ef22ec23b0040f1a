package io.drrunbooks.backup;

/** What one streaming pass over an archive file measured: its size, sha256 and tar entry count. */
public record ArchiveDigest(long size, String sha256, int entries) {
}
