package io.drrunbooks.backup.gzip;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * A gzip stream whose blocks are deflated on {@code pool} and written in order. See {@code package-info.java}.
 * {@link #endMember()} closes the current gzip member and starts the next one, so that a reader can start
 * inflating there; {@link #memberOffsets()} says where each member starts in the output.
 * Not thread-safe, like any output stream; closing it finishes the last member but leaves {@code out} open.
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
    private final Deque<Piece> inFlight = new ArrayDeque<>();
    private final List<Long> memberOffsets = new ArrayList<>(List.of(0L));
    private final CRC32 crc = new CRC32();
    /** Uncompressed bytes of the current member. */
    private long size;
    /** Bytes written to {@code out}. */
    private long written;
    /** Uncompressed bytes of every member. */
    private long total;
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
        written = HEADER.length;
    }

    /** Bytes of output on their way, in order; {@code startsMember}: a member's header, whose offset is recorded. */
    private record Piece(Future<byte[]> bytes, boolean startsMember) {
    }

    /** The uncompressed bytes written into the current member so far. */
    public long memberBytes() {
        return size + filled;
    }

    /** The uncompressed bytes written so far. */
    public long uncompressedBytes() {
        return total;
    }

    /**
     * Ends the current member at this point of the input and starts a new one, with no back-reference into the
     * old one, so the new member inflates on its own. Concatenated members are one gzip file to every reader.
     */
    public void endMember() throws IOException {
        if (filled > 0) {
            submit();
        }
        inFlight.addLast(new Piece(CompletableFuture.completedFuture(trailer()), false));
        inFlight.addLast(new Piece(CompletableFuture.completedFuture(HEADER.clone()), true));
        crc.reset();
        size = 0;
        previous = null;
    }

    /** Where each member starts in the output, the first at 0; complete once the stream is closed. */
    public List<Long> memberOffsets() {
        return List.copyOf(memberOffsets);
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
            total += n;
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
        while (!inFlight.isEmpty() && inFlight.peekFirst().bytes().isDone()) {
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
        out.write(trailer());
        out.flush();
    }

    /** The empty final block and the member's CRC32 and size, little-endian. */
    private byte[] trailer() {
        byte[] trailer = new byte[StoredBlocks.FINAL_EMPTY_BLOCK.length + 8];
        System.arraycopy(StoredBlocks.FINAL_EMPTY_BLOCK, 0, trailer, 0, StoredBlocks.FINAL_EMPTY_BLOCK.length);
        int at = StoredBlocks.FINAL_EMPTY_BLOCK.length;
        long[] values = {crc.getValue(), size};
        for (long value : values) {
            for (int i = 0; i < 4; i++) {
                trailer[at++] = (byte) (value >>> (8 * i));
            }
        }
        return trailer;
    }

    private void submit() throws IOException {
        byte[] data = block;
        int length = filled;
        byte[] dictionary = previous;
        crc.update(data, 0, length);
        size += length;
        inFlight.addLast(new Piece(CompletableFuture.supplyAsync(
                () -> BlockCompressor.compress(data, length, dictionary, level), pool), false));
        previous = data;
        block = new byte[BLOCK_SIZE];
        filled = 0;
        while (inFlight.size() > maxInFlight || (!inFlight.isEmpty() && inFlight.peekFirst().bytes().isDone())) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        try {
            Piece piece = inFlight.removeFirst();
            byte[] bytes = piece.bytes().get();
            if (piece.startsMember()) {
                memberOffsets.add(written);
            }
            out.write(bytes);
            written += bytes.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing a block failed: " + e.getCause(), e.getCause());
        }
    }
}
