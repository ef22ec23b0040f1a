package io.drrunbooks.backup;

/**
 * Bounds the first read of a set written by the spec's script, whose manifest is computed from the archives
 * themselves and so cannot bound them: an archive may expand to {@code maxRatio} times its size (at least
 * {@value #FLOOR_BYTES} bytes, so a tiny archive of an empty tree is never refused) and hold {@code maxEntries}
 * entries. Honest data rarely compresses 100-fold; deflate's own limit is about 1032-fold.
 */
public record LegacyCeiling(long maxRatio, long maxEntries) {

    public static final LegacyCeiling DEFAULT = new LegacyCeiling(100, 2_000_000);
    static final long FLOOR_BYTES = 16L * 1024 * 1024;

    public LegacyCeiling {
        if (maxRatio < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("legacy ceiling: ratio " + maxRatio + " and entries " + maxEntries
                    + " must both be at least 1");
        }
    }

    ArchiveLimits forArchive(long archiveBytes) {
        long bytes = archiveBytes > Long.MAX_VALUE / maxRatio ? Long.MAX_VALUE : archiveBytes * maxRatio;
        return new ArchiveLimits(Math.max(FLOOR_BYTES, bytes), maxEntries, "the ceiling for sets without manifest.json ("
                + maxRatio + " times the archive's size, " + maxEntries + " entries: dr.backup.legacy-max-ratio, legacy-max-entries)");
    }
}
