package io.drrunbooks.backup;

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

/**
 * A complete backup set on disk and its manifest.
 *
 * @param legacy whether the spec's own {@code backup_platform_god.sh} wrote it (its manifest was computed)
 */
public record BackupSet(String id, Path directory, Manifest manifest, boolean legacy) {

    public Instant createdAt() {
        return manifest.createdAt();
    }

    /** The sum of the archives' sizes. */
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
     * Streams the data set's archive once, handing every entry to {@code visitor}, and returns what the
     * pass measured of the archive file itself; an unreadable gzip or tar stream is a {@link BackupException}
     * naming the set and the archive.
     */
    public ArchiveDigest scan(String dataSet, ArchiveVisitor visitor) {
        return ArchiveScanner.scan(this.id, archive(dataSet), visitor);
    }
}
