package io.drrunbooks.replication;

import io.drrunbooks.replication.ReplicaState.Stream;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One look at the source directory: follow every file, see rotations and truncations, copy new records. */
final class ReplicationPass {

    /** A source file as seen now. */
    private record Seen(String key, String relative, Path path) {
    }

    private final Path source;
    private final Path replica;
    private final ReplicaState state;
    private long lagBytes;
    private IOException copyFailure;
    private int followed;

    ReplicationPass(Path source, Path replica, ReplicaState state) {
        this.source = source;
        this.replica = replica;
        this.state = state;
    }

    /** Runs the pass; the state is saved before any record lands in a replica it newly names. */
    void run() throws IOException {
        Map<String, Seen> seen = scan();
        boolean changed = false;
        for (Stream stream : state.streams()) {
            if (stream.active()) {
                changed |= followExisting(stream, seen.remove(stream.key()));
            }
        }
        for (Seen file : seen.values()) {
            changed |= startFollowing(file);
        }
        if (changed) {
            state.save();
        }
        copyAll();
    }

    long lagBytes() {
        return lagBytes;
    }

    int followed() {
        return followed;
    }

    private boolean followExisting(Stream stream, Seen file) throws IOException {
        if (file == null) {
            state.replace(stream, new Stream(stream.key(), stream.source(), stream.replica(), false));
            return true;
        }
        Path copy = replica.resolve(stream.replica());
        Optional<FileChannel> opened = ReplicaFiles.openSource(file.path(), stream.key());
        if (opened.isEmpty()) {
            return false;
        }
        try (FileChannel channel = opened.get()) {
            long position = ReplicaFiles.length(copy);
            if (channel.size() < position || !ReplicaFiles.sameTail(channel, copy, position)) {
                // truncated (or deleted and its inode reused): what follows is a new file in the same place
                state.replace(stream, new Stream(stream.key(), stream.source(), stream.replica(), false));
                state.add(new Stream(file.key(), file.relative(), state.freeReplicaName(file.relative()), true));
                return true;
            }
        }
        if (!file.relative().equals(stream.source())) {
            state.replace(stream, new Stream(stream.key(), file.relative(), stream.replica(), true)); // rotated by rename
            return true;
        }
        return false;
    }

    /**
     * A file not followed yet. If it begins with the whole content of a replica nobody feeds, it is
     * a copy of that file (copy-and-truncate rotation) and continues that replica. If it begins
     * like a replica still fed, it is a copy being made: it waits for the next pass.
     */
    private boolean startFollowing(Seen file) throws IOException {
        Optional<FileChannel> opened = ReplicaFiles.openSource(file.path(), file.key());
        if (opened.isEmpty()) {
            return false;
        }
        String continues = null;
        try (FileChannel channel = opened.get()) {
            long size = channel.size();
            if (size == 0) {
                return false; // nothing to tell a new file from a copy just begun
            }
            for (Stream known : state.streams()) {
                long length = ReplicaFiles.length(replica.resolve(known.replica()));
                long compared = Math.min(length, size);
                if (length == 0 || !ReplicaFiles.samePrefix(channel, replica.resolve(known.replica()), compared)) {
                    continue;
                }
                if (state.feeding(known.replica())) {
                    return false;
                }
                if (compared == length) {
                    continues = known.replica();
                }
            }
        }
        String name = continues != null ? continues : state.freeReplicaName(file.relative());
        state.add(new Stream(file.key(), file.relative(), name, true));
        return true;
    }

    /** Copies by name, through {@link ReplicaFiles#openSource}: a file renamed since the scan waits for the next pass. */
    private void copyAll() throws IOException {
        lagBytes = 0;
        followed = 0;
        for (Stream stream : state.streams()) {
            Optional<FileChannel> opened = stream.active()
                    ? ReplicaFiles.openSource(source.resolve(stream.source()), stream.key()) : Optional.empty();
            if (opened.isEmpty()) {
                continue;
            }
            Path copy = replica.resolve(stream.replica());
            try (FileChannel channel = opened.get()) {
                try {
                    ReplicaFiles.appendRecords(channel, copy, ReplicaFiles.length(copy));
                } catch (IOException writeFailed) {
                    // the lag is measured all the same: a full disk must not show as caught up
                    copyFailure = copyFailure == null ? writeFailed : copyFailure;
                }
                lagBytes += Math.max(0, channel.size() - ReplicaFiles.length(copy));
                followed++;
            }
        }
    }

    /** The first copy that failed in this pass (the lag then counts what it could not write), or null. */
    IOException copyFailure() {
        return copyFailure;
    }

    private Map<String, Seen> scan() throws IOException {
        if (!Files.isDirectory(source)) {
            return new LinkedHashMap<>();
        }
        try (var paths = Files.walk(source)) {
            List<Path> files = paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            Map<String, Seen> seen = new LinkedHashMap<>();
            for (Path file : files) {
                ReplicaFiles.keyOf(file).ifPresent(key -> seen.put(key, new Seen(key, source.relativize(file).toString(), file)));
            }
            return seen;
        }
    }
}
