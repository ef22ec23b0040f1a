package io.drrunbooks.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.drrunbooks.backup.crypto.ChunkedGcm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A complete backup set on disk and its manifest.
 *
 * @param legacy whether the spec's own {@code backup_platform_god.sh} wrote it (its manifest was computed)
 * @param key    decrypts an encrypted archive of the set, or null when none was configured
 */
public record BackupSet(String id, Path directory, Manifest manifest, boolean legacy, @JsonIgnore ArchiveKey key)
        implements ListedSet {

    @Override
    public Instant createdAt() {
        return manifest.createdAt();
    }

    /** The sum of the archives' sizes. */
    @Override
    public long sizeBytes() {
        return manifest.archives().stream().mapToLong(ArchiveRecord::size).sum();
    }

    public List<String> dataSets() {
        return manifest.archives().stream().map(ArchiveRecord::dataSet).toList();
    }

    public Optional<ArchiveRecord> archiveRecord(String dataSet) {
        return manifest.archives().stream().filter(a -> a.dataSet().equals(dataSet)).findFirst();
    }

    /** The archive file of a data set (named after the manifest, or {@code <dataSet>.tar.gz}). */
    public Path archive(String dataSet) {
        return directory.resolve(archiveRecord(dataSet).map(ArchiveRecord::file).orElse(dataSet + ".tar.gz"));
    }

    /** The sha256 of the data set's archive file as it is on disk now (a plain read, no decompression). */
    public String archiveSha256(String dataSet) {
        Path archive = archive(dataSet);
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(archive), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return Sha256.hex(digest);
        } catch (IOException e) {
            throw new BackupException("set " + id + ": cannot read archive " + archive.getFileName() + ": " + e, e);
        }
    }

    /**
     * Streams the data set's archive once, decrypting it if it is encrypted, handing every entry to {@code visitor},
     * and returns what the pass measured of the archive file itself. An unreadable gzip or tar stream is a
     * {@link BackupException} naming the set and the archive; an archive that runs past its manifest's size or entry
     * count (a decompression bomb), or is encrypted with no key or another key, is stopped with an
     * {@link ArchiveRefusedException} that also names the entry.
     */
    public ArchiveDigest scan(String dataSet, ArchiveVisitor visitor) {
        ArchiveRecord record = archiveRecord(dataSet)
                .orElseThrow(() -> new BackupException("set " + id + " has no archive for data set " + dataSet));
        return ArchiveScanner.scan(id, archive(dataSet), ArchiveLimits.of(record), decryptionKey(record), visitor);
    }

    /** Whether the data set's archive has a member index, so it can be read on several cores ({@link #scanInParallel}). */
    public boolean hasMemberIndex(String dataSet) {
        return archiveRecord(dataSet).map(r -> !r.members().isEmpty() && r.encryption() == null).orElse(false);
    }

    /**
     * Like {@link #scan}, but the parts of the archive its member index describes are read at the same time on
     * {@code pool}, each by a visitor of its own; at most {@code partsInFlight} parts are handed out at once. The
     * archive file is hashed whole meanwhile. A member index that does not match the archive fails the read as a
     * damaged archive does.
     */
    public ArchiveDigest scanInParallel(String dataSet, UnitVisitors visitors, Executor pool, int partsInFlight) {
        ArchiveRecord record = archiveRecord(dataSet)
                .orElseThrow(() -> new BackupException("set " + id + " has no archive for data set " + dataSet));
        if (!hasMemberIndex(dataSet)) {
            throw new BackupException("set " + id + ": archive " + record.file() + " has no member index");
        }
        return MemberScanner.scan(id, archive(dataSet), record, visitors, pool, partsInFlight);
    }

    /** Whether the data set's archive is encrypted and no key was configured to read it. */
    public boolean lacksKey(String dataSet) {
        return key == null && archiveRecord(dataSet).map(ArchiveRecord::encryption).isPresent();
    }

    private ArchiveKey decryptionKey(ArchiveRecord record) {
        ArchiveEncryption encryption = record.encryption();
        if (encryption == null) {
            return null;
        }
        if (!ChunkedGcm.ALGORITHM.equals(encryption.algorithm()) || encryption.chunkBytes() != ChunkedGcm.CHUNK_BYTES) {
            throw new ArchiveRefusedException(id, record.file(), null, "encrypted with " + encryption.algorithm() + " in "
                    + encryption.chunkBytes() + "-byte chunks, which this version does not read");
        }
        if (key == null) {
            throw new ArchiveRefusedException(id, record.file(), null, "encrypted (" + encryption.algorithm() + ", key "
                    + encryption.keyId() + ") and no key is configured: set dr.backup.encryption-key-file (--key-file)");
        }
        if (!key.id().equals(encryption.keyId())) {
            throw new ArchiveRefusedException(id, record.file(), null, "encrypted with key " + encryption.keyId()
                    + ", but " + key + " is another key (wrong key file?)");
        }
        return key;
    }
}
