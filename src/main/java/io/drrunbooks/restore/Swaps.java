package io.drrunbooks.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/**
 * Carries out a journal's rename steps. Each step can be repeated after a crash: whatever the previous attempt
 * already moved is seen on disk and not moved again.
 */
final class Swaps {

    private Swaps() {
    }

    /** Finishes every step; returns what was moved, for the event and the recovery report. */
    static List<String> finish(Journal.Entry entry) {
        List<String> moved = new ArrayList<>();
        try {
            for (Journal.Step step : entry.steps()) {
                Path live = Path.of(step.live());
                Path staging = Path.of(step.staging());
                if (!Files.exists(staging, NOFOLLOW_LINKS)) {
                    continue;
                }
                if (Files.exists(live, NOFOLLOW_LINKS)) {
                    if (step.quarantine() == null || Files.exists(Path.of(step.quarantine()), NOFOLLOW_LINKS)) {
                        throw new RestoreException("cannot swap " + live + ": it exists and its quarantine "
                                + step.quarantine() + " is not free; staging kept at " + staging);
                    }
                    Files.move(live, Path.of(step.quarantine()), StandardCopyOption.ATOMIC_MOVE);
                    moved.add(live + " -> " + step.quarantine());
                }
                Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
                moved.add(staging + " -> " + live);
                Trees.syncDirectory(live.getParent());
            }
        } catch (IOException e) {
            throw new RestoreException("operation " + entry.operationId() + ", data set " + entry.dataSet()
                    + ": swap failed: " + e, e);
        }
        Trees.deleteTree(Path.of(entry.stagingRoot()));
        return moved;
    }

    /** Picks {@code <live>.<label>.<epoch>}, the next second if that name is taken. */
    static Path freeQuarantineName(Path live, String label, long epochSeconds) {
        for (long epoch = epochSeconds; ; epoch++) {
            Path candidate = live.resolveSibling(live.getFileName() + "." + label + "." + epoch);
            if (!Files.exists(candidate, NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
    }
}
