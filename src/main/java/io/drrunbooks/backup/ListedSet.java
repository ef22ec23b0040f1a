package io.drrunbooks.backup;

import java.nio.file.Path;
import java.time.Instant;

/** A set in the catalogue ({@link BackupSets#catalogue()}): one that opens, or one that does not and says why. */
public sealed interface ListedSet permits BackupSet, UnreadableSet {

    String id();

    Path directory();

    Instant createdAt();

    long sizeBytes();

    /** Whether the spec's own {@code backup_platform_god.sh} wrote it. */
    boolean legacy();
}
