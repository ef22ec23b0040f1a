package io.drrunbooks.backup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Set ids are the spec's {@code date +%Y%m%d_%H%M%S}, unique. This product writes them in UTC; the spec's script in
 * the local time of its host ({@link LegacySets#takenAt}), so sets are ordered by the time taken, not by name.
 */
final class SetIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private SetIds() {
    }

    /** An id and the partial directory created for it; holding the directory is what reserves the id. */
    record Reservation(String id, Path partial) {
    }

    static boolean isId(String name) {
        return name.matches("\\d{8}_\\d{6}");
    }

    static String partialName(String id) {
        return "." + id + ".partial";
    }

    /** The id for {@code at}, or the next second that is neither complete nor being written. */
    static Reservation reserve(Path backupRoot, Instant at) throws IOException {
        for (Instant candidate = at; ; candidate = candidate.plusSeconds(1)) {
            String id = FORMAT.format(candidate.atOffset(ZoneOffset.UTC));
            if (Files.exists(backupRoot.resolve(id))) {
                continue;
            }
            try {
                return new Reservation(id, Files.createDirectory(backupRoot.resolve(partialName(id))));
            } catch (FileAlreadyExistsException another) {
                // another writer holds this second; try the next one
            }
        }
    }

    /** The wall-clock time an id names, in whatever zone it was written. */
    static LocalDateTime localTime(String id) {
        return LocalDateTime.parse(id, FORMAT);
    }
}
