package io.drrunbooks.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The archive's way onto disk. Closing it flushes the whole stack but leaves the channel open to be fsynced.
 * Every {@value #WRITEBACK_EVERY} bytes it has an fsync started in the background, so the disk writes while the
 * cores still compress, and the final fsync that makes the set durable only waits for the tail: without it a
 * large archive would meet the disk all at once at its end (Java has no {@code sync_file_range}).
 */
final class KeepOpenStream extends BufferedOutputStream {

    private static final long WRITEBACK_EVERY = 16L * 1024 * 1024;

    private final FileChannel channel;
    private long unsynced;
    private CompletableFuture<Void> writeback = CompletableFuture.completedFuture(null);

    KeepOpenStream(FileChannel channel) {
        super(Channels.newOutputStream(channel), 64 * 1024);
        this.channel = channel;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        super.write(bytes, offset, length);
        unsynced += length;
        if (unsynced >= WRITEBACK_EVERY && writeback.isDone()) {
            awaitWriteback(); // a failed one fails the archive now: the next would replace it unseen
            unsynced = 0;
            writeback = CompletableFuture.runAsync(() -> {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Flushes, and waits for the background fsync. Its failure fails the archive: Linux reports a write-back
     * error to one fsync only, so the caller's final fsync could succeed after this one saw the data lost.
     */
    @Override
    public void close() throws IOException {
        flush();
        awaitWriteback();
    }

    private void awaitWriteback() throws IOException {
        try {
            writeback.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        }
    }
}
