package io.drrunbooks.backup.gzip;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Turns one block into a byte-aligned piece of a deflate stream: stored when probing says deflate would not
 * shrink it, otherwise raw deflate primed with the previous block's tail and ended by a sync flush. Each pool
 * thread keeps its own deflaters, since creating one allocates several hundred KiB of native state.
 */
final class BlockCompressor {

    /** Deflate's window: the most of the previous block a back-reference can reach. */
    static final int WINDOW = 32 * 1024;
    private static final int SAMPLE = 4 * 1024;
    private static final int SAMPLES = 4;
    /** A sample that deflate cannot get below 97% of its size is taken as incompressible. */
    private static final int INCOMPRESSIBLE_PERCENT = 97;

    private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);

    private BlockCompressor() {
    }

    /**
     * @param previous the block before this one, whose tail primes the window, or null for the first block
     */
    static byte[] compress(byte[] block, int length, byte[] previous, int level) {
        if (level == Deflater.NO_COMPRESSION || incompressible(block, length)) {
            return StoredBlocks.encode(block, length);
        }
        Deflater deflater = deflater(level);
        if (previous != null) {
            deflater.setDictionary(previous, previous.length - WINDOW, WINDOW);
        }
        deflater.setInput(block, 0, length);
        byte[] out = new byte[length + length / 16 + 64];
        int position = 0;
        while (true) {
            position += deflater.deflate(out, position, out.length - position, Deflater.SYNC_FLUSH);
            if (position < out.length) {
                return Arrays.copyOf(out, position);
            }
            out = Arrays.copyOf(out, out.length * 2); // a full buffer may hide more output
        }
    }

    /**
     * Probes samples spread over the block at the fastest level and stops at the first one that shrinks, so
     * compressible data pays for one small sample and random data for a few.
     */
    static boolean incompressible(byte[] block, int length) {
        if (length < SAMPLE) {
            return false;
        }
        Deflater probe = deflater(Deflater.BEST_SPEED);
        byte[] out = new byte[SAMPLE + 64];
        int stride = (length - SAMPLE) / (SAMPLES - 1);
        for (int i = 0; i < SAMPLES; i++) {
            probe.reset();
            probe.setInput(block, i * stride, SAMPLE);
            probe.finish();
            int size = probe.deflate(out);
            if (!probe.finished() || size * 100L < (long) SAMPLE * INCOMPRESSIBLE_PERCENT) {
                return false;
            }
        }
        return true;
    }

    private static Deflater deflater(int level) {
        Deflater[] byLevel = DEFLATERS.get();
        if (byLevel[level] == null) {
            byLevel[level] = new Deflater(level, true);
        } else {
            byLevel[level].reset();
        }
        return byLevel[level];
    }
}
