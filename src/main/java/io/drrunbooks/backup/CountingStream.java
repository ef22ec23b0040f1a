package io.drrunbooks.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Counts the bytes read through it and remembers whether the stream below failed; given a limit, refuses to be
 * read past it (a decompression bomb). Closing it does not close the stream below: a visitor closing an entry's
 * content must not close the tar stream the next entries come from.
 */
final class CountingStream extends FilterInputStream {

    private final byte[] one = new byte[1];
    /**
     * One per thread, not per stream: the tar reader skips each entry's padding through a new stream per entry,
     * 100,000 times for a {@code var/state}, and a buffer each cost more than the skipping.
     */
    private static final ThreadLocal<byte[]> SKIPPED = ThreadLocal.withInitial(() -> new byte[8192]);
    private final long limit;
    private final Supplier<? extends RuntimeException> overLimit;
    private long count;
    private boolean failed;

    CountingStream(InputStream in) {
        this(in, Long.MAX_VALUE, null);
    }

    /** @param overLimit the exception to throw the moment more than {@code limit} bytes have been read */
    CountingStream(InputStream in, long limit, Supplier<? extends RuntimeException> overLimit) {
        super(in);
        this.limit = limit;
        this.overLimit = overLimit;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long left = limit - count;
        int n;
        try {
            // one byte past the limit is all it takes to know it was passed
            n = super.read(buffer, offset, left < length ? (int) left + 1 : length);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw overLimit.get();
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape the count and the hashes above, so read them instead.
        byte[] skipped = SKIPPED.get();
        return Math.max(0, read(skipped, 0, (int) Math.max(0, Math.min(n, skipped.length))));
    }

    /** No mark/reset: the gzip reader would re-read pushed-back bytes, and the hashes above would count them twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
    }

    long count() {
        return count;
    }

    /** Whether reading from below failed: then the archive is broken, not whoever read from this stream. */
    boolean failed() {
        return failed;
    }
}
