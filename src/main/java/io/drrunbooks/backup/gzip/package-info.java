/**
 * Standard gzip written on every core, the way pigz does it, plus one thing pigz does not do.
 *
 * <p>{@link io.drrunbooks.backup.gzip.ParallelGzipOutputStream} cuts its input into blocks of
 * {@value io.drrunbooks.backup.gzip.ParallelGzipOutputStream#BLOCK_SIZE} bytes and deflates them on a shared pool.
 * Each block is raw deflate primed with the last 32 KiB of the block before it (deflate's whole window, so the
 * ratio stays within a fraction of a percent of a single-threaded {@code gzip}) and ends with a sync flush, which
 * byte-aligns it; the blocks are therefore simply concatenated, in order, into one deflate stream, closed by an
 * empty final block and the gzip trailer. The result is a single ordinary gzip member: {@code gzip -t},
 * {@code tar -xzf} and any inflater read it without knowing how it was made.
 *
 * <p>Before deflating a block, {@link io.drrunbooks.backup.gzip.BlockCompressor} probes a few small samples of it at
 * the fastest level; when none of them shrinks (random data, already-compressed artifacts), the block is written as
 * deflate stored blocks ({@link io.drrunbooks.backup.gzip.StoredBlocks}): no CPU spent, a few bytes of framing per
 * 64 KiB, and the stream stays standard. That is where it beats pigz, which deflates such data for nothing.
 *
 * <p>The CRC32 and size of the trailer are taken by the writing thread as it hands each block over (CRC32 runs
 * at memory speed); at most a bounded number of blocks is in flight per stream, so memory does not grow with the
 * data.
 */
package io.drrunbooks.backup.gzip;
