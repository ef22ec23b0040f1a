package io.drrunbooks.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The restore's crash journal in {@code <root>/.dr-restore/}: {@code <operationId>.<dataSet>.json} says which
 * swap is in flight (written, fsynced, before staging starts; an operation stages its data sets at the same time,
 * so it may have several, each deleted once swapped), and {@code <operationId>.done.json} holds the operation's
 * result. That file is the commit: written, fsynced, when every data set is staged and durable and before the first
 * swap, so entries left beside it are swaps to finish, entries without it stagings to roll back; once no entry is
 * left it lets a repeated delivery return the result instead of restoring again.
 */
final class Journal {

    static final String STAGING = "staging";
    /** The phase versions before the commit file gave an entry before its swap; such an entry is finished too. */
    static final String SWAPPING = "swapping";

    /** One rename pair: live moves to quarantine (when it exists), then staging moves to live. */
    record Step(String live, String staging, String quarantine) {
    }

    /** The operation's data set in flight; {@code stagingRoot} is deleted once its steps are done. */
    record Entry(String operationId, String setId, String dataSet, String phase, String stagingRoot, List<Step> steps) {
    }

    static final String DIRECTORY = ".dr-restore";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;

    Journal(Path targetRoot) {
        this.directory = targetRoot.resolve(DIRECTORY);
    }

    void write(Entry entry) {
        writeAtomically(file(entry), entry);
    }

    void delete(Entry entry) {
        try {
            Files.deleteIfExists(file(entry));
            // the name versions before 0.2 gave an operation's single entry, in case one was left by a crash
            Files.deleteIfExists(directory.resolve(entry.operationId() + ".json"));
        } catch (IOException e) {
            throw new RestoreException("cannot delete the restore journal of " + entry.operationId() + ": " + e, e);
        }
    }

    /**
     * The operation's data sets still in flight. Only its own entries are read: another restore may delete its
     * entries meanwhile (an operation id has no dots, so {@code <operationId>.} names only this operation's files).
     */
    List<Entry> pending(String operationId) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : entryFiles()) {
            String name = file.getFileName().toString();
            if (name.startsWith(operationId + ".")) {
                entry(file).ifPresent(entries::add);
            }
        }
        return entries;
    }

    private Path file(Entry entry) {
        return directory.resolve(entry.operationId() + "." + entry.dataSet() + ".json");
    }

    /** Every entry file: a data set in flight, of a restore still running or of one a crash interrupted. */
    List<Path> entryFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Journal::isPendingEntry).sorted().toList();
        } catch (IOException e) {
            throw new RestoreException("cannot list the restore journal " + directory + ": " + e, e);
        }
    }

    /** The entry in {@code file}; empty once its restore has swapped or discarded it. */
    Optional<Entry> entry(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), Entry.class));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RestoreException("cannot read the restore journal " + file + ": " + e, e);
        }
    }

    void commit(RestoreResult result) {
        writeAtomically(directory.resolve(result.operationId() + ".done.json"), result);
    }

    Optional<RestoreResult> committed(String operationId) {
        Path file = directory.resolve(operationId + ".done.json");
        return Files.isRegularFile(file) ? Optional.of(read(file, RestoreResult.class)) : Optional.empty();
    }

    private static boolean isPendingEntry(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(".done.json") && !name.startsWith(".");
    }

    private void writeAtomically(Path file, Object value) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(value)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Trees.syncDirectory(directory);
        } catch (IOException e) {
            throw new RestoreException("cannot write the restore journal " + file + ": " + e, e);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new RestoreException("cannot read the restore journal " + file + ": " + e, e);
        }
    }
}
