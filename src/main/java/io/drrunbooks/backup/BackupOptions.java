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
 */
public record BackupOptions(Path backupRoot, Clock clock, String toolVersion, int compressionLevel) {

    public static final int DEFAULT_COMPRESSION_LEVEL = 6;

    public BackupOptions {
        Objects.requireNonNull(backupRoot, "backupRoot");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(toolVersion, "toolVersion");
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compression level " + compressionLevel + " is not between 0 and 9");
        }
        backupRoot = backupRoot.toAbsolutePath().normalize();
    }

    public BackupOptions(Path backupRoot, Clock clock, String toolVersion) {
        this(backupRoot, clock, toolVersion, DEFAULT_COMPRESSION_LEVEL);
    }
}
