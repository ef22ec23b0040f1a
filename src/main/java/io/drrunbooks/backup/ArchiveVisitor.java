package io.drrunbooks.backup;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sees each entry of an archive during one streaming pass ({@link BackupSet#scan}). The scanner hashes
 * the entry's content as the visitor reads it and drains what the visitor leaves, so every byte is
 * read once and {@link #contentRead} always gets the full size and sha256.
 */
public interface ArchiveVisitor {

    /** An entry; {@code content} holds its bytes (empty for directories and links). */
    void entry(TarArchiveEntry entry, InputStream content) throws IOException;

    /** The entry's content has been read to its end. */
    default void contentRead(TarArchiveEntry entry, long size, String sha256) throws IOException {
    }

    /** The pass (or, read in parallel, this visitor's part of it) has handed over its last entry. */
    default void end() throws IOException {
    }
}
