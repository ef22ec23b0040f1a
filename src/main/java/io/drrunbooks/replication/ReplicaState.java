package io.drrunbooks.replication;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which source file feeds which replica file, persisted beside the replica. Positions are not
 * stored: a replica file is always a byte-exact prefix of its source, so its length is the
 * position, and a crash between appending and saving can neither lose nor repeat a record.
 */
final class ReplicaState {

    static final String FILE = ".replication-state.json";

    /**
     * @param key the source file's identity (device and inode), which survives renames
     * @param source where the source file was last seen, relative to the source directory
     * @param replica its replica file, relative to the replica directory
     * @param active false once the source is gone or was truncated: the replica is then complete
     */
    record Stream(String key, String source, String replica, boolean active) {
    }

    private final Path directory;
    private final List<Stream> streams;
    private final ObjectMapper json = new ObjectMapper();

    private ReplicaState(Path directory, List<Stream> streams) {
        this.directory = directory;
        this.streams = streams;
    }

    static ReplicaState load(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        List<Stream> streams = new ArrayList<>();
        if (Files.exists(file)) {
            streams.addAll(Arrays.asList(new ObjectMapper().readValue(file.toFile(), Stream[].class)));
        }
        return new ReplicaState(directory, streams);
    }

    List<Stream> streams() {
        return List.copyOf(streams);
    }

    boolean feeding(String replica) {
        return streams.stream().anyMatch(s -> s.active() && s.replica().equals(replica));
    }

    void replace(Stream old, Stream now) {
        streams.set(streams.indexOf(old), now);
    }

    void add(Stream stream) {
        streams.add(stream);
    }

    /** A replica name for a new source: its own relative path, or that with {@code ~n} when taken. */
    String freeReplicaName(String source) {
        String name = source;
        for (int n = 1; taken(name); n++) {
            name = source + "~" + n;
        }
        return name;
    }

    private boolean taken(String name) {
        return streams.stream().anyMatch(s -> s.replica().equals(name)) || Files.exists(directory.resolve(name));
    }

    /** Written to a temporary file, forced to disk and renamed over the old state: never half a state. */
    void save() throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve(FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(streams)));
            channel.force(true);
        }
        Files.move(temporary, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ReplicaFiles.forceDirectory(directory);
    }
}
