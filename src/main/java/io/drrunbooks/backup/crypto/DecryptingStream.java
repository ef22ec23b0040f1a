package io.drrunbooks.backup.crypto;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens one chunk at a time and hands out its plaintext. A chunk is the last when the file ends right after it,
 * which the read of one byte more tells; that byte starts the next chunk otherwise.
 */
final class DecryptingStream extends InputStream {

    private final InputStream in;
    private final ChunkedGcm.Sealer sealer;
    private final byte[] sealed;
    private byte[] plain = new byte[0];
    private int position;
    private long index;
    private boolean ended;
    /** The byte read ahead to learn whether the chunk before it was the last, or -1. */
    private int ahead = -1;

    DecryptingStream(InputStream in, ChunkedGcm.Sealer sealer, int chunkBytes) {
        this.in = in;
        this.sealer = sealer;
        this.sealed = new byte[chunkBytes + ChunkedGcm.TAG_BYTES];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == plain.length) {
            if (ended) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(length, plain.length - position);
        System.arraycopy(plain, position, buffer, offset, n);
        position += n;
        return n;
    }

    private void nextChunk() throws IOException {
        int filled = 0;
        if (ahead >= 0) {
            sealed[filled++] = (byte) ahead;
        }
        filled += in.readNBytes(sealed, filled, sealed.length - filled);
        ahead = filled == sealed.length ? in.read() : -1;
        boolean last = ahead < 0;
        if (filled < ChunkedGcm.TAG_BYTES) {
            throw new IOException("chunk " + index + " is cut short (" + filled + " bytes): the file was truncated");
        }
        plain = sealer.open(index++, last, sealed, filled);
        position = 0;
        ended = last;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
