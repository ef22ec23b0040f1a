package io.drrunbooks.backup;

/**
 * How far one pass over an archive may go before it is refused as a decompression bomb: the uncompressed tar
 * stream's bytes (headers and padding included) and its entries. For a set with a manifest both come from the
 * archive's record ({@link #of}); a legacy set's manifest is computed from the archive itself, so its first read
 * is bounded by {@link LegacyCeiling} instead.
 *
 * @param basis where the limits come from, for the error message
 */
public record ArchiveLimits(long maxBytes, long maxEntries, String basis) {

    private static final int BLOCK = 512;
    /** Linux's PATH_MAX: the longest name or link target an entry whose name the manifest does not list may carry. */
    private static final int PATH_MAX = 4096;
    /**
     * The end-of-archive blocks and the padding to the tar record size (GNU tar: 10 KiB by default, up to 1 MiB
     * with {@code -b 2048}), and whatever empty gzip members follow.
     */
    private static final long TRAILER = 1024 * 1024;

    /**
     * What the archive a record describes can hold: each file's content rounded up to whole blocks, a header per
     * entry, room for an extended (PAX or GNU long-name) header per entry, and the trailer. Generous for any honest
     * tar of those files, yet a few KiB per entry away from the manifest, not the gigabytes of a bomb.
     */
    public static ArchiveLimits of(ArchiveRecord record) {
        long bytes = TRAILER + record.files().tarBytes();
        long otherEntries = Math.max(0, record.entries() - record.files().size());
        bytes += otherEntries * headers(PATH_MAX);
        return new ArchiveLimits(bytes, record.entries(), "what its manifest records (" + record.files().size()
                + " files, " + record.entries() + " entries)");
    }

    /** What one file takes in a tar stream at most: its headers and its content in whole blocks. */
    static long tarBytes(FileRecord file) {
        return headers(file.path().length()) + roundUp(file.size());
    }

    /** A header block, and an extended header naming the entry and its link (UTF-8: up to 4 bytes a char). */
    private static long headers(int nameChars) {
        return BLOCK + BLOCK + roundUp(2L * 4 * nameChars + 2 * BLOCK);
    }

    private static long roundUp(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }
}
