package io.drrunbooks.restore;

import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/** Moving a live directory aside read-only, with a record of what it held, and moving it back. */
final class Quarantines {

    private final RestoreOptions options;

    Quarantines(RestoreOptions options) {
        this.options = options;
    }

    /** Where a quarantine of the data set would go now: {@code <dir>.<label>.<epoch>}, a name nothing holds yet. */
    Path plan(TargetLayout layout, String dataSetName, String label) {
        if (!label.matches("[a-z][a-z0-9-]*")) {
            throw new RestoreException("quarantine label '" + label + "' must be lower-case letters, digits and dashes");
        }
        return Swaps.freeQuarantineName(live(layout, dataSetName), label, options.clock().instant().getEpochSecond());
    }

    /**
     * Moves the live directory to {@code quarantined} (a path from {@link #plan}), makes it read-only and hashes it.
     * Called again after a crash, it finishes what is left: a quarantine already there was moved by the earlier call,
     * since its name was free when it was planned.
     */
    Quarantine quarantine(TargetLayout layout, String dataSetName, Path quarantined) {
        Path live = live(layout, dataSetName);
        String name = quarantined.getFileName().toString();
        if (!live.getParent().equals(quarantined.getParent())
                || !name.matches(Pattern.quote(live.getFileName().toString()) + "\\.[a-z][a-z0-9-]*\\.\\d+")) {
            throw new RestoreException("data set " + dataSetName + ": " + quarantined + " is not a quarantine of " + live
                    + " (expected " + live + ".<label>.<epoch>)");
        }
        boolean moved = false;
        if (!Files.exists(quarantined, NOFOLLOW_LINKS)) {
            if (!Files.exists(live, NOFOLLOW_LINKS)) {
                throw new RestoreException("data set " + dataSetName + ": neither " + live + " nor its quarantine "
                        + quarantined + " exists");
            }
            try {
                Files.move(live, quarantined, StandardCopyOption.ATOMIC_MOVE);
                Trees.syncDirectory(live.getParent());
            } catch (IOException e) {
                throw new RestoreException("data set " + dataSetName + ": cannot move " + live + " to " + quarantined + ": " + e, e);
            }
            moved = true;
        } else if (!Files.isDirectory(quarantined, NOFOLLOW_LINKS)) {
            throw new RestoreException("data set " + dataSetName + ": quarantine " + quarantined + " is not a directory");
        }
        Trees.setWritable(quarantined, false);
        Map<String, String> files = Trees.hashFiles(quarantined);
        Quarantine quarantine = new Quarantine(dataSetName, live, quarantined, Instant.ofEpochSecond(epoch(name)),
                files, QuarantineList.write(quarantined, files));
        if (moved) {
            options.listener().event("quarantined", Map.of("dataSet", dataSetName, "live", live.toString(),
                    "quarantined", quarantined.toString(), "files", quarantine.fileSha256().size()));
        }
        return quarantine;
    }

    /**
     * Moves {@code quarantined} back to the data set's live directory, under the data set's restore lock, so a restore
     * of it running meanwhile finishes first. False, and nothing moved, when the live directory exists (a restore put a
     * tree there): the quarantine is then kept. Its file list goes with it.
     */
    boolean release(TargetLayout layout, String dataSetName, Path quarantined) {
        Path live = live(layout, dataSetName);
        try (DataSetLocks held = DataSetLocks.acquire(layout.root(), List.of(dataSetName))) {
            if (Files.exists(live, NOFOLLOW_LINKS)) {
                return false;
            }
            if (!Files.isDirectory(quarantined, NOFOLLOW_LINKS)) {
                throw new RestoreException("cannot release " + quarantined + ": it does not exist");
            }
            Trees.setWritable(quarantined, true);
            try {
                Files.move(quarantined, live, StandardCopyOption.ATOMIC_MOVE);
                Trees.syncDirectory(live.getParent());
            } catch (IOException e) {
                throw new RestoreException("cannot move " + quarantined + " back to " + live + ": " + e, e);
            }
            QuarantineList.delete(quarantined);
        }
        options.listener().event("released", Map.of("dataSet", dataSetName, "live", live.toString()));
        return true;
    }

    private static Path live(TargetLayout layout, String dataSetName) {
        DataSet dataSet = layout.dataSet(dataSetName).filter(d -> d.kind() == DataSet.Kind.DIRECTORY)
                .orElseThrow(() -> new RestoreException("data set " + dataSetName + " is not a directory data set of the target"));
        return layout.resolve(dataSet.directory());
    }

    private static long epoch(String quarantineName) {
        return Long.parseLong(quarantineName.substring(quarantineName.lastIndexOf('.') + 1));
    }
}
