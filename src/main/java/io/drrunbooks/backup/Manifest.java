package io.drrunbooks.backup;

import java.time.Instant;
import java.util.List;

/**
 * The machine-readable {@code manifest.json} of a set; written last, so its presence means the set is complete.
 *
 * @param origin {@code null} for sets this product wrote; {@code backup_platform_god.sh} for a manifest
 *               computed from a set the spec's own script wrote
 */
public record Manifest(int formatVersion, String id, Instant createdAt, Instant completedAt, String toolVersion,
                       String targetRoot, String origin,
                       List<ArchiveRecord> archives) {

    public static final int FORMAT_VERSION = 1;
    public static final String LEGACY_ORIGIN = "backup_platform_god.sh";

    public Manifest {
        archives = archives == null ? List.of() : List.copyOf(archives);
    }
}
