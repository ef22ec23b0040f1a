package io.drrunbooks.backup;

/**
 * One regular file inside an archive, as recorded in {@code manifest.json}.
 *
 * @param path   the path as stored in the archive, relative to the target root
 * @param size   bytes
 * @param mode   permission bits written as their octal digits read in decimal ({@code 0644} is {@code 644}),
 *               so the JSON reads like {@code ls -l}/{@code chmod}; see {@link #permissionBits()}
 * @param sha256 lower-case hex
 */
public record FileRecord(String path, long size, int mode, String sha256) {

    /** The permission bits as a number ({@code 644} becomes {@code 0644}). */
    public int permissionBits() {
        return Integer.parseInt(Integer.toString(mode), 8);
    }

    static int octalDigits(int permissionBits) {
        return Integer.parseInt(Integer.toOctalString(permissionBits & 07777));
    }
}
