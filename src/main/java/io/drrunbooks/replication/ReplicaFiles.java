package io.drrunbooks.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;

/** Byte-level work on a source and its replica: identifying, comparing, and appending whole records. */
final class ReplicaFiles {

    /** How many bytes before the position must still agree for a source to count as unchanged. */
    private static final int TAIL = 256;
    private static final int CHUNK = 64 * 1024;

    private ReplicaFiles() {
    }

    /** The file's device and inode, which a rename keeps; empty when it is gone. */
    static Optional<String> keyOf(Path file) {
        try {
            return Optional.of(String.valueOf(Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey()));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /**
     * Opens a source file only if, once open, the name still leads to the file with this identity:
     * a rotation between the scan and now may have put another file under the name. Empty then,
     * and the next pass finds each file where it is.
     */
    static Optional<FileChannel> openSource(Path file, String key) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        if (keyOf(file).filter(key::equals).isPresent()) {
            return Optional.of(channel);
        }
        channel.close();
        return Optional.empty();
    }

    static long length(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** True when the source's first {@code length} bytes are the replica's first {@code length} bytes. */
    static boolean samePrefix(FileChannel source, Path replica, long length) throws IOException {
        return same(source, replica, 0, length);
    }

    /** True when the bytes just before {@code position} agree: the source was not truncated and rewritten. */
    static boolean sameTail(FileChannel source, Path replica, long position) throws IOException {
        long from = Math.max(0, position - TAIL);
        return same(source, replica, from, position - from);
    }

    private static boolean same(FileChannel source, Path replica, long from, long length) throws IOException {
        if (length == 0) {
            return true; // and the replica may not exist yet
        }
        try (FileChannel copy = FileChannel.open(replica)) {
            for (long done = 0; done < length; ) {
                int size = (int) Math.min(CHUNK, length - done);
                ByteBuffer left = read(source, from + done, size);
                ByteBuffer right = read(copy, from + done, size);
                if (left == null || right == null || !Arrays.equals(left.array(), right.array())) {
                    return false;
                }
                done += size;
            }
            return true;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer;
    }

    /**
     * Appends the source's complete records (lines) after {@code position} to the replica and
     * forces them to disk, with the directory of a new replica file; a record still being written
     * waits for the next pass.
     */
    static void appendRecords(FileChannel source, Path replica, long position) throws IOException {
        long end = lastRecordEnd(source, position, source.size());
        if (end <= position) {
            return;
        }
        Files.createDirectories(replica.getParent());
        boolean created = !Files.exists(replica);
        try (FileChannel out = FileChannel.open(replica, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (long done = position, moved = 1; done < end && moved > 0; done += moved) {
                moved = source.transferTo(done, end - done, out); // 0: truncated meanwhile, seen next pass
            }
            out.force(true);
        }
        if (created) {
            forceDirectory(replica.getParent());
        }
    }

    /** The offset just after the last newline in [from, size), or from when there is none. */
    private static long lastRecordEnd(FileChannel in, long from, long size) throws IOException {
        for (long chunkEnd = size; chunkEnd > from; chunkEnd -= CHUNK) {
            long chunkStart = Math.max(from, chunkEnd - CHUNK);
            ByteBuffer chunk = read(in, chunkStart, (int) (chunkEnd - chunkStart));
            if (chunk == null) {
                return from;
            }
            for (int i = chunk.capacity() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return chunkStart + i + 1;
                }
            }
        }
        return from;
    }

    /** A new file's name is durable only once its directory is forced too. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
