package io.drrunbooks.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/**
 * The entries of a tree walk on their way into the tar stream, with the small files read and hashed ahead on a
 * pool. A {@code var/state} of 100,000 small JSON files is mostly opening, reading and closing files; done by the
 * writing thread alone, one file after the other, that is the backup's longest path however many cores deflate.
 * Entries leave in the walk's order; at most {@link #MAX_QUEUED_FILES} entries and {@link #MAX_QUEUED_BYTES} of
 * content wait, so memory stays bounded. Files over {@link #SMALL_FILE} are left for the writer to stream.
 */
final class ReadAhead {

    static final long SMALL_FILE = 256 * 1024;
    private static final int MAX_QUEUED_FILES = 2048;
    private static final long MAX_QUEUED_BYTES = 32L << 20;
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Sha256::digest);

    /** An entry of the walk; {@code content} is the read-ahead of a small regular file, else null. */
    record Entry(Path path, String name, FileMetadata attributes, Future<Content> content) {
    }

    /** A small file's bytes, exactly as many as its size said when the walk saw it, and their sha256. */
    record Content(byte[] bytes, String sha256) {
    }

    /** Writes one entry into the tar stream. */
    interface Sink {
        void write(Entry entry) throws IOException;
    }

    private final Executor readers;
    private final Sink sink;
    private final Deque<Entry> queue = new ArrayDeque<>();
    private long queuedBytes;

    ReadAhead(Executor readers, Sink sink) {
        this.readers = readers;
        this.sink = sink;
    }

    /** Queues an entry, and writes the ones at the head that are ready or must go to keep within the bounds. */
    void add(Path path, String name, FileMetadata attributes) throws IOException {
        Future<Content> content = null;
        if (attributes.isRegularFile() && attributes.size() <= SMALL_FILE) {
            content = CompletableFuture.supplyAsync(() -> read(path, attributes.size()), readers);
            queuedBytes += attributes.size();
        }
        queue.addLast(new Entry(path, name, attributes, content));
        while (!queue.isEmpty() && (full() || ready(queue.peekFirst()))) {
            writeFirst();
        }
    }

    /** Writes every entry still queued. */
    void drain() throws IOException {
        while (!queue.isEmpty()) {
            writeFirst();
        }
    }

    /** The bytes of a small file, as many as the walk saw: growth since (a log being appended) is left out. */
    static Content content(Entry entry) throws IOException {
        try {
            return entry.content().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + entry.name());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
            if (cause instanceof Error error) {
                throw error; // out of memory, say: not this file's fault
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    private boolean full() {
        return queue.size() > MAX_QUEUED_FILES || queuedBytes > MAX_QUEUED_BYTES;
    }

    private static boolean ready(Entry entry) {
        return entry.content() == null || entry.content().isDone();
    }

    private void writeFirst() throws IOException {
        Entry entry = queue.removeFirst();
        if (entry.content() != null) {
            queuedBytes -= entry.attributes().size();
        }
        sink.write(entry);
    }

    private static Content read(Path file, long size) {
        byte[] bytes = new byte[(int) size];
        try (InputStream in = Files.newInputStream(file, NOFOLLOW_LINKS)) {
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read != size) {
                throw new IOException(file + " shrank while being backed up (" + size + " bytes when listed, " + read + " now)");
            }
        } catch (IOException e) {
            throw new CompletionException(e);
        }
        MessageDigest digest = DIGESTS.get();
        return new Content(bytes, HexFormat.of().formatHex(digest.digest(bytes)));
    }
}
