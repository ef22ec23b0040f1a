package io.drrunbooks.backup;

/**
 * An archive refused before or while it was read: the pass went past what its manifest (or, for a legacy set, the
 * ceiling) allows and stopped there (a decompression bomb, an archive swapped for a bigger one), or it is encrypted
 * and the key is missing or another.
 */
public class ArchiveRefusedException extends BackupException {

    private final String archive;
    private final String entry;
    private final String problem;

    ArchiveRefusedException(String setId, String archive, String entry, String problem) {
        super("set " + setId + ", archive " + archive + (entry == null ? "" : ", entry " + entry) + ": " + problem);
        this.archive = archive;
        this.entry = entry;
        this.problem = problem;
    }

    public String archive() {
        return archive;
    }

    /** The entry being read when the limit was passed, or {@code null} after the last one. */
    public String entry() {
        return entry;
    }

    /** The problem alone, without the set, archive and entry. */
    public String problem() {
        return problem;
    }
}
