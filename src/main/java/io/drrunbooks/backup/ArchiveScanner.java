package io.drrunbooks.backup;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;

/** One streaming pass over a {@code .tar.gz}: hashes the file and each entry's content, and counts entries. */
final class ArchiveScanner {

    private ArchiveScanner() {
    }

    private static final class VisitorFailure extends RuntimeException {
        VisitorFailure(Exception cause) {
            super(cause);
        }
    }

    static ArchiveDigest scan(String setId, Path archive, ArchiveVisitor visitor) {
        TarArchiveEntry current = null;
        try (InputStream file = Files.newInputStream(archive)) {
            DigestInputStream hashedFile = new DigestInputStream(new BufferedInputStream(file), Sha256.digest());
            CountingStream raw = new CountingStream(hashedFile);
            // Concatenated members are one gzip file to gzip(1) and GNU tar, so they must be to us as well.
            GzipCompressorInputStream gzip = new GzipCompressorInputStream(raw, true);
            TarArchiveInputStream tar = new TarArchiveInputStream(gzip);
            int entries = 0;
            byte[] scratch = new byte[64 * 1024];
            while ((current = tar.getNextEntry()) != null) {
                entries++;
                CountingStream counted = new CountingStream(tar);
                DigestInputStream content = new DigestInputStream(counted, Sha256.digest());
                try {
                    visitor.entry(current, content);
                } catch (IOException | RuntimeException e) {
                    if (counted.failed()) {
                        throw e; // the archive broke under the visitor's read
                    }
                    throw new VisitorFailure(e);
                }
                // drained through one buffer: transferTo would allocate one per entry, 100,000 times for var/state
                while (content.read(scratch) >= 0) {
                    // hashed and counted on the way
                }
                try {
                    visitor.contentRead(current, counted.count(), Sha256.hex(content.getMessageDigest()));
                } catch (IOException | RuntimeException e) {
                    throw new VisitorFailure(e);
                }
            }
            current = null;
            // Reading gzip to its end checks its CRC; draining the raw stream hashes any trailing bytes too.
            gzip.transferTo(OutputStream.nullOutputStream());
            raw.transferTo(OutputStream.nullOutputStream());
            return new ArchiveDigest(raw.count(), Sha256.hex(hashedFile.getMessageDigest()), entries);
        } catch (VisitorFailure e) {
            // The visitor's own failure (a rejected entry, a full disk while extracting) is not an unreadable archive.
            throw e.getCause() instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e.getCause();
        } catch (IOException | RuntimeException e) {
            String where = current == null ? "" : ", entry " + current.getName();
            throw new BackupException("set " + setId + ": archive " + archive.getFileName() + where
                    + " is not a readable tar.gz: " + e, e);
        }
    }
}
