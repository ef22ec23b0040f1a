package io.drrunbooks.backup;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A directory that looks like a complete set but does not open: its {@code manifest.json} is malformed, or a set of
 * the spec's script holds an archive that is corrupt or past {@link LegacyCeiling} on the read that computes its
 * manifest. Listed with its problem so that it is seen, and never chosen.
 *
 * @param createdAt when its name says it was taken, read in the zone its {@code manifest.txt} names
 * @param sizeBytes the size of its files on disk
 * @param legacy    whether it has no {@code manifest.json}, as only sets of the spec's script have none
 */
public record UnreadableSet(String id, Path directory, Instant createdAt, long sizeBytes, boolean legacy, String problem)
        implements ListedSet {
}
