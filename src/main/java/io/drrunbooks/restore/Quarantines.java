package io.drrunbooks.restore;

import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/** Moving a live directory aside read-only, with a record of what it held, and moving it back. */
final class Quarantines {

    private final RestoreOptions options;

    Quarantines(RestoreOptions options) {
        this.options = options;
    }

    Quarantine quarantine(TargetLayout layout, String dataSetName, String label) {
        if (!label.matches("[a-z][a-z0-9-]*")) {
            throw new RestoreException("quarantine label '" + label + "' must be lower-case letters, digits and dashes");
        }
        DataSet dataSet = layout.dataSet(dataSetName).filter(d -> d.kind() == DataSet.Kind.DIRECTORY)
                .orElseThrow(() -> new RestoreException("data set " + dataSetName + " is not a directory data set of the target"));
        Path live = layout.resolve(dataSet.directory());
        if (!Files.exists(live, NOFOLLOW_LINKS)) {
            // Delivered again after it happened: the live directory is gone, the quarantine is there.
            return existing(dataSetName, live, label).orElseThrow(() -> new RestoreException("data set " + dataSetName
                    + ": " + live + " does not exist and there is no quarantine labelled '" + label + "'"));
        }
        Path quarantined = Swaps.freeQuarantineName(live, label, options.clock().instant().getEpochSecond());
        try {
            Files.move(live, quarantined, StandardCopyOption.ATOMIC_MOVE);
            Trees.syncDirectory(live.getParent());
        } catch (IOException e) {
            throw new RestoreException("data set " + dataSetName + ": cannot move " + live + " to " + quarantined + ": " + e, e);
        }
        Quarantine quarantine = describe(dataSetName, live, quarantined);
        Trees.setWritable(quarantined, false);
        options.listener().event("quarantined", Map.of("dataSet", dataSetName, "live", live.toString(),
                "quarantined", quarantined.toString(), "files", quarantine.fileSha256().size()));
        return quarantine;
    }

    void release(Quarantine quarantine) {
        if (Files.exists(quarantine.live(), NOFOLLOW_LINKS)) {
            throw new RestoreException("cannot release " + quarantine.quarantined() + ": " + quarantine.live() + " exists");
        }
        if (!Files.isDirectory(quarantine.quarantined(), NOFOLLOW_LINKS)) {
            throw new RestoreException("cannot release " + quarantine.quarantined() + ": it does not exist");
        }
        Trees.setWritable(quarantine.quarantined(), true);
        try {
            Files.move(quarantine.quarantined(), quarantine.live(), StandardCopyOption.ATOMIC_MOVE);
            Trees.syncDirectory(quarantine.live().getParent());
        } catch (IOException e) {
            throw new RestoreException("cannot move " + quarantine.quarantined() + " back to " + quarantine.live() + ": " + e, e);
        }
        options.listener().event("released", Map.of("dataSet", quarantine.dataSet(), "live", quarantine.live().toString()));
    }

    /** The newest quarantine of {@code live} with this label. */
    private static Optional<Quarantine> existing(String dataSet, Path live, String label) {
        String prefix = live.getFileName() + "." + label + ".";
        try (Stream<Path> siblings = Files.list(live.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().substring(prefix.length()).matches("\\d+"))
                    .max(Comparator.comparingLong(p -> epoch(p, prefix)))
                    .map(p -> describe(dataSet, live, p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Quarantine describe(String dataSet, Path live, Path quarantined) {
        String name = quarantined.getFileName().toString();
        Instant at = Instant.ofEpochSecond(Long.parseLong(name.substring(name.lastIndexOf('.') + 1)));
        return new Quarantine(dataSet, live, quarantined, at, Trees.hashFiles(quarantined));
    }

    private static long epoch(Path quarantined, String prefix) {
        return Long.parseLong(quarantined.getFileName().toString().substring(prefix.length()));
    }
}
