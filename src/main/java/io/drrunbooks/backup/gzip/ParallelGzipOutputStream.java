package io.drrunbooks.backup.gzip;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * A gzip stream whose blocks are deflated on {@code pool} and written in order. See {@code package-info.java}.
 * Not thread-safe, like any output stream; closing it finishes the gzip member but leaves {@code out} open.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** pigz's block size: large enough that the per-block flush costs nothing, small enough to spread work. */
    public static final int BLOCK_SIZE = 128 * 1024;

    /** ID1 ID2, deflate, no flags, no mtime (as reproducible as the tar inside), no extra flags, OS unix. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

    private final OutputStream out;
    private final int level;
    private final Executor pool;
    private final int maxInFlight;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private long size;
    private byte[] block = new byte[BLOCK_SIZE];
    private int filled;
    private byte[] previous;
    private boolean closed;

    /**
     * @param level       deflate level, 0 (store) to 9
     * @param maxInFlight blocks handed to the pool and not yet written: bounds memory at about twice this many blocks
     */
    public ParallelGzipOutputStream(OutputStream out, int level, Executor pool, int maxInFlight) throws IOException {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level " + level + " is not between 0 and 9");
        }
        this.out = out;
        this.level = level;
        this.pool = pool;
        this.maxInFlight = Math.max(1, maxInFlight);
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, BLOCK_SIZE - filled);
            System.arraycopy(bytes, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == BLOCK_SIZE) {
                submit();
            }
        }
    }

    /** Writes the blocks that are ready; the rest stays in flight (a gzip member cannot be flushed half way). */
    @Override
    public void flush() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            writeNext();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (filled > 0) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            writeNext();
        }
        out.write(StoredBlocks.FINAL_EMPTY_BLOCK);
        writeIntLittleEndian((int) crc.getValue());
        writeIntLittleEndian((int) size);
        out.flush();
    }

    private void submit() throws IOException {
        byte[] data = block;
        int length = filled;
        byte[] dictionary = previous;
        crc.update(data, 0, length);
        size += length;
        inFlight.addLast(CompletableFuture.supplyAsync(() -> BlockCompressor.compress(data, length, dictionary, level), pool));
        previous = data;
        block = new byte[BLOCK_SIZE];
        filled = 0;
        while (inFlight.size() > maxInFlight || (!inFlight.isEmpty() && inFlight.peekFirst().isDone())) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        try {
            out.write(inFlight.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing a block failed: " + e.getCause(), e.getCause());
        }
    }

    private void writeIntLittleEndian(int value) throws IOException {
        out.write(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }
}
