package io.drrunbooks.restore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The small files of a staging, created on a pool. Making 100,000 files is mostly the kernel's work; done by the
 * thread that also inflates, parses and hashes the archive, each would wait for the other, as they do not when
 * {@code tar -xzf} leaves inflating to a gzip process. At most {@link #MAX_IN_FLIGHT_KIB} KiB of files wait in
 * memory, per data set; the first failure is thrown by the next call.
 */
final class FileWrites implements AutoCloseable {

    static final long SMALL_FILE = 256 * 1024;
    private static final int MAX_IN_FLIGHT_KIB = 16 * 1024;
    private static final Set<OpenOption> CREATE_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(Trees.permissions(0600));

    private final Executor pool;
    /** Permits of a KiB each: a file holds as many as its content takes, at least one. */
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_KIB);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    FileWrites(Executor pool) {
        this.pool = pool;
    }

    /** A new file, owner-only until {@link #seal} gives it its archive mode: a .env is never readable by others on the way. */
    static OutputStream create(Path target) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(target, CREATE_FILE, OWNER_ONLY));
    }

    static void seal(Path target, int mode) throws IOException {
        Files.setPosixFilePermissions(target, Trees.permissions(mode));
    }

    /** Creates {@code target} with {@code content} and {@code mode}, soon. */
    void write(Path target, byte[] content, int mode) throws IOException {
        throwFailure();
        int permits = Math.max(1, (content.length + 1023) / 1024);
        acquire(permits);
        try {
            pool.execute(() -> {
                try {
                    try (OutputStream out = create(target)) {
                        out.write(content);
                    }
                    seal(target, mode);
                } catch (Throwable e) { // an out-of-memory error too: a file not written must never pass unnoticed
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release(permits);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release(permits);
            throw new IOException("cannot write " + target + ": the restore is shutting down", e);
        }
    }

    /** Returns once every file handed over is written, or throws the first failure. */
    void await() throws IOException {
        acquire(MAX_IN_FLIGHT_KIB);
        inFlight.release(MAX_IN_FLIGHT_KIB);
        throwFailure();
    }

    /** Waits for the writes under way, so that a staging being discarded is not written into any more. */
    @Override
    public void close() {
        inFlight.acquireUninterruptibly(MAX_IN_FLIGHT_KIB);
        inFlight.release(MAX_IN_FLIGHT_KIB);
    }

    private void acquire(int permits) throws InterruptedIOException {
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the staging");
        }
    }

    private void throwFailure() throws IOException {
        Throwable first = failure.get();
        if (first instanceof IOException io) {
            throw io;
        } else if (first instanceof Error error) {
            throw error;
        } else if (first != null) {
            throw new IOException(first);
        }
    }
}
