package io.drrunbooks.backup;

/**
 * One gzip member of an archive, as the member index of {@code manifest.json} records it. A backup ends a member
 * and starts the next at a tar entry's header every {@value ArchiveMembers#TARGET_BYTES} bytes of tar stream or so,
 * or inside a large file's data at a 512-byte block; so a restore can inflate members on every core at once, while
 * the file stays one ordinary gzip file to {@code gzip}, GNU tar and the spec's script.
 *
 * @param offset    where the member starts in the archive file
 * @param tarOffset where its first byte is in the uncompressed tar stream
 * @param entries   the tar entries whose header lies in earlier members
 * @param files     the manifest's file records of the files that end in earlier members
 * @param entry     the name of the entry the member starts in
 * @param within    null when the member starts with that entry's header; else how many bytes of the entry's data
 *                  earlier members hold
 */
public record ArchiveMember(long offset, long tarOffset, long entries, long files, String entry, Long within) {

    /** Whether a reader can start here: at an entry's header, not inside a file's data. */
    public boolean startsAtHeader() {
        return within == null;
    }
}
