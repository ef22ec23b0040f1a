package io.drrunbooks.auditexport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The sets a bundle lists, hashed again as they are now under a backup root: their manifest file and
 * every archive. The names come from the bundle, which may be hostile, so only plain file names are
 * followed: nothing outside the set's directory is read.
 */
final class SetRecheck {

    private SetRecheck() {
    }

    /** The number of sets checked; a set that was already gone at export is skipped, as the bundle says. */
    static int check(List<UsedSet> sets, Path backupRoot) {
        int checked = 0;
        for (UsedSet set : sets) {
            if (!set.present()) {
                continue;
            }
            Path directory = backupRoot.resolve(plainName(set.id(), "set id"));
            if (!Files.isDirectory(directory)) {
                throw new BundleRejected("set " + set.id() + ": no directory " + directory);
            }
            if (set.manifestSha256() != null) {
                compare(set, directory.resolve(UsedSets.MANIFEST), set.manifestSha256());
            }
            for (UsedSet.Archive archive : set.archives()) {
                compare(set, directory.resolve(plainName(archive.file(), "archive name")), archive.sha256());
            }
            checked++;
        }
        return checked;
    }

    private static void compare(UsedSet set, Path file, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new BundleRejected("set " + set.id() + ": " + file.getFileName() + " is missing from " + file.getParent());
        }
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new BundleRejected("set " + set.id() + ": " + file.getFileName() + " on disk has sha256 " + actual
                    + ", the bundle says " + expected);
        }
    }

    private static String plainName(String name, String what) {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new BundleRejected(BundleZip.SETS + ": " + what + " '" + name + "' is not a plain file name");
        }
        return name;
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BundleRejected("cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
