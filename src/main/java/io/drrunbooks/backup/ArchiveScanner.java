package io.drrunbooks.backup;

import io.drrunbooks.backup.crypto.ChunkedGcm;
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
import java.security.MessageDigest;

/**
 * One streaming pass over a {@code .tar.gz}: hashes the file as stored and each entry's content, counts entries,
 * and stops the moment the uncompressed stream or the entry count goes past its {@link ArchiveLimits}.
 */
final class ArchiveScanner {

    private final String setId;
    private final Path archive;
    private final ArchiveLimits limits;
    /** The entry being read, for the error message; null before the first entry and after the last. */
    private TarArchiveEntry current;
    private String lastEntry;

    ArchiveScanner(String setId, Path archive, ArchiveLimits limits) {
        this.setId = setId;
        this.archive = archive;
        this.limits = limits;
    }

    static final class VisitorFailure extends RuntimeException {
        VisitorFailure(Exception cause) {
            super(cause);
        }
    }

    /** @param key decrypts an archive stored encrypted ({@link ChunkedGcm}); null for a plain one */
    static ArchiveDigest scan(String setId, Path archive, ArchiveLimits limits, ArchiveKey key, ArchiveVisitor visitor) {
        return new ArchiveScanner(setId, archive, limits).scan(key, visitor);
    }

    private ArchiveDigest scan(ArchiveKey key, ArchiveVisitor visitor) {
        try (InputStream file = Files.newInputStream(archive)) {
            DigestInputStream hashedFile = new DigestInputStream(new BufferedInputStream(file), Sha256.digest());
            CountingStream raw = new CountingStream(hashedFile);
            InputStream plain = key == null ? raw : ChunkedGcm.decrypt(raw, key.secretKey());
            // Concatenated members are one gzip file to gzip(1) and GNU tar, so they must be to us as well.
            GzipCompressorInputStream gzip = new GzipCompressorInputStream(plain, true);
            CountingStream uncompressed = new CountingStream(gzip, limits.maxBytes(), () -> refused("uncompressed, the archive"
                    + " runs past " + limits.maxBytes() + " bytes, more than " + limits.basis() + " can take (decompression bomb?)"));
            int entries = readEntries(new TarArchiveInputStream(uncompressed), visitor, limits.maxEntries(), null);
            current = null;
            // Reading gzip to its end checks its CRC (and the last chunk's tag), within the limit; draining the raw
            // stream hashes any trailing bytes too.
            uncompressed.transferTo(OutputStream.nullOutputStream());
            plain.transferTo(OutputStream.nullOutputStream());
            raw.transferTo(OutputStream.nullOutputStream());
            return new ArchiveDigest(raw.count(), Sha256.hex(hashedFile.getMessageDigest()), entries);
        } catch (VisitorFailure e) {
            throw visitorFailure(e);
        } catch (ArchiveRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /**
     * Hands every entry of {@code tar} to the visitor, drains and hashes its content, and counts the entries, at most
     * {@code maxEntries}; {@code firstEntry}, when given, is the name the first entry must have (a member index's).
     */
    int readEntries(TarArchiveInputStream tar, ArchiveVisitor visitor, long maxEntries, String firstEntry) throws IOException {
        int entries = 0;
        byte[] scratch = new byte[64 * 1024];
        MessageDigest entryDigest = Sha256.digest(); // reset by each entry's hex
        while ((current = tar.getNextEntry()) != null) {
            lastEntry = current.getName();
            if (++entries > maxEntries) {
                throw refused("more than " + maxEntries + " entries, past " + limits.basis());
            }
            if (entries == 1 && firstEntry != null && !firstEntry.equals(current.getName())) {
                throw new IOException("the member index says a member starts with " + firstEntry + ", but it starts with "
                        + current.getName());
            }
            CountingStream counted = new CountingStream(tar);
            DigestInputStream content = new DigestInputStream(counted, entryDigest);
            try {
                visitor.entry(current, content);
            } catch (IOException | RuntimeException e) {
                if (counted.failed() || e instanceof ArchiveRefusedException) {
                    throw e; // the archive broke, or went past its limits, under the visitor's read
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
        try {
            visitor.end();
        } catch (IOException | RuntimeException e) {
            throw new VisitorFailure(e);
        }
        return entries;
    }

    /** A visitor's own failure (a rejected entry, a full disk while extracting), not an unreadable archive. */
    static RuntimeException visitorFailure(VisitorFailure e) {
        return e.getCause() instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e.getCause();
    }

    /** What went wrong reading the archive, naming set, archive and the entry being read. */
    BackupException unreadable(Exception e) {
        String where = current == null ? "" : ", entry " + current.getName();
        return new BackupException("set " + setId + ": archive " + archive.getFileName() + where
                + " is not a readable tar.gz: " + e, e);
    }

    ArchiveRefusedException refused(String problem) {
        String entry = current != null ? current.getName() : lastEntry == null ? null : "(past the end, after " + lastEntry + ")";
        return new ArchiveRefusedException(setId, archive.getFileName().toString(), entry, problem);
    }
}
