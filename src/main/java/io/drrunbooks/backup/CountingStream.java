package io.drrunbooks.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it. Closing it does not close the stream below: a visitor closing an
 * entry's content must not close the tar stream the next entries come from.
 */
final class CountingStream extends FilterInputStream {

    private long count;

    CountingStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape the count, so read them instead.
        return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 8192))]));
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
}
