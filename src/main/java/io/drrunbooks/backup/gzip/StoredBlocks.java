package io.drrunbooks.backup.gzip;

import java.util.Arrays;

/**
 * Deflate stored blocks (RFC 1951, 3.2.4): the bytes as they are, in chunks of at most 65,535, each behind a
 * five-byte header. They start at a byte boundary, which every block of this package ends on.
 */
final class StoredBlocks {

    private static final int MAX_CHUNK = 65_535;

    /** The empty final block, fixed Huffman coding: {@code BFINAL=1, BTYPE=01}, end-of-block. Ends every stream. */
    static final byte[] FINAL_EMPTY_BLOCK = {0x03, 0x00};

    private StoredBlocks() {
    }

    /** {@code data[0..length)} as non-final stored blocks. */
    static byte[] encode(byte[] data, int length) {
        int chunks = Math.max(1, (length + MAX_CHUNK - 1) / MAX_CHUNK);
        byte[] out = new byte[length + 5 * chunks];
        int position = 0;
        for (int offset = 0, chunk = 0; chunk < chunks; chunk++, offset += MAX_CHUNK) {
            int size = Math.min(MAX_CHUNK, length - offset);
            out[position] = 0; // BFINAL=0, BTYPE=00; the rest of the byte is padding
            out[position + 1] = (byte) size;
            out[position + 2] = (byte) (size >>> 8);
            out[position + 3] = (byte) ~size;
            out[position + 4] = (byte) (~size >>> 8);
            System.arraycopy(data, offset, out, position + 5, size);
            position += 5 + size;
        }
        return Arrays.copyOf(out, position);
    }
}
