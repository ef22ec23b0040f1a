package io.drrunbooks.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where backup sets live and what stamps them.
 *
 * @param backupRoot  the directory holding one sub-directory per set
 * @param clock       names sets and times them (a fixed clock in tests)
 * @param toolVersion written into both manifests, where the spec's script writes {@code pgod version}
 */
public record BackupOptions(Path backupRoot, Clock clock, String toolVersion) {

    public BackupOptions {
        Objects.requireNonNull(backupRoot, "backupRoot");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(toolVersion, "toolVersion");
        backupRoot = backupRoot.toAbsolutePath().normalize();
    }
}
