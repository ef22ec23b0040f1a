package io.drrunbooks.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where backup sets live, what stamps them and how hard they are compressed.
 *
 * @param backupRoot       the directory holding one sub-directory per set
 * @param clock            names sets and times them (a fixed clock in tests)
 * @param toolVersion      written into both manifests, where the spec's script writes {@code pgod version}
 * @param compressionLevel deflate level 0 (store) to 9; {@value #DEFAULT_COMPRESSION_LEVEL} is {@code gzip}'s default
 *                         and the spec script's
 * @param encryptionKey    encrypts the config archive of new sets and decrypts it when reading; null: none
 * @param legacyCeiling    bounds the first read of a set without {@code manifest.json}
 * @param memberBytes      the tar stream a gzip member of an archive holds before the next one starts
 *                         ({@link ArchiveMember})
 */
public record BackupOptions(Path backupRoot, Clock clock, String toolVersion, int compressionLevel,
                            ArchiveKey encryptionKey, LegacyCeiling legacyCeiling, long memberBytes) {

    public static final int DEFAULT_COMPRESSION_LEVEL = 6;

    public BackupOptions {
        Objects.requireNonNull(backupRoot, "backupRoot");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(legacyCeiling, "legacyCeiling");
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compression level " + compressionLevel + " is not between 0 and 9");
        }
        if (memberBytes < 1) {
            throw new IllegalArgumentException("member size " + memberBytes + " must be positive");
        }
        backupRoot = backupRoot.toAbsolutePath().normalize();
    }

    public BackupOptions(Path backupRoot, Clock clock, String toolVersion, int compressionLevel,
                         ArchiveKey encryptionKey, LegacyCeiling legacyCeiling) {
        this(backupRoot, clock, toolVersion, compressionLevel, encryptionKey, legacyCeiling, ArchiveMembers.TARGET_BYTES);
    }

    public BackupOptions(Path backupRoot, Clock clock, String toolVersion, int compressionLevel) {
        this(backupRoot, clock, toolVersion, compressionLevel, null, LegacyCeiling.DEFAULT);
    }

    public BackupOptions(Path backupRoot, Clock clock, String toolVersion) {
        this(backupRoot, clock, toolVersion, DEFAULT_COMPRESSION_LEVEL);
    }

    public BackupOptions withEncryptionKey(ArchiveKey key) {
        return new BackupOptions(backupRoot, clock, toolVersion, compressionLevel, key, legacyCeiling, memberBytes);
    }

    /** Smaller members: a small tree's archive in several, as a large tree's is. */
    public BackupOptions withMemberBytes(long bytes) {
        return new BackupOptions(backupRoot, clock, toolVersion, compressionLevel, encryptionKey, legacyCeiling, bytes);
    }
}
