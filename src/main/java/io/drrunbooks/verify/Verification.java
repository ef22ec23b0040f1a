package io.drrunbooks.verify;

/**
 * The outcome of verifying a set: ok, or the first problem found, with the archive and entry it concerns.
 *
 * @param archive the archive's file name, or {@code null} for a set-level problem
 * @param entry   the tar entry's name, or {@code null} for an archive-level problem
 * @param hostile the entry was refused by the path rules (it would land outside its data set): an attack, not damage
 */
public record Verification(String setId, boolean ok, String archive, String entry, String problem, boolean hostile) {

    public Verification(String setId, boolean ok, String archive, String entry, String problem) {
        this(setId, ok, archive, entry, problem, false);
    }

    public static Verification ok(String setId) {
        return new Verification(setId, true, null, null, null);
    }

    static Verification failed(String setId, String archive, String entry, String problem) {
        return new Verification(setId, false, archive, entry, problem);
    }

    static Verification refused(String setId, String archive, String entry, String problem) {
        return new Verification(setId, false, archive, entry, problem, true);
    }

    /** One line for a person: {@code set 20250120_020000, archive registry.tar.gz, entry var/registry/../evil: ...}. */
    public String message() {
        if (ok) {
            return "set " + setId + ": verified";
        }
        return "set " + setId + (archive == null ? "" : ", archive " + archive)
                + (entry == null ? "" : ", entry " + entry) + ": " + problem;
    }

    @Override
    public String toString() {
        return message();
    }
}
