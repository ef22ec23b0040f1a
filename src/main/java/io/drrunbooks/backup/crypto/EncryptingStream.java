package io.drrunbooks.backup.crypto;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Buffers one chunk of plaintext, seals it when full; closing seals the final (possibly empty) chunk. */
final class EncryptingStream extends FilterOutputStream {

    private final ChunkedGcm.Sealer sealer;
    private final byte[] chunk = new byte[ChunkedGcm.CHUNK_BYTES];
    private int filled;
    private long index;
    private boolean closed;

    EncryptingStream(OutputStream out, ChunkedGcm.Sealer sealer) {
        super(out);
        this.sealer = sealer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            // A full chunk is sealed only when more follows: the last one must carry the final flag.
            if (filled == chunk.length) {
                out.write(sealer.seal(index++, false, chunk, filled));
                filled = 0;
            }
            int n = Math.min(length, chunk.length - filled);
            System.arraycopy(bytes, offset, chunk, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Nothing to flush before the chunk is full: a partial chunk sealed now could not be continued. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream below = out) {
            below.write(sealer.seal(index, true, chunk, filled));
        }
    }
}
