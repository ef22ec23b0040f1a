package io.drrunbooks.cli;

import io.drrunbooks.ToolVersion;
import io.drrunbooks.backup.ArchiveKey;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Opens backup sets named on the command line. */
final class Sets {

    private Sets() {
    }

    /** @param key decrypts encrypted archives, or null */
    static BackupSets at(Path backupRoot, ArchiveKey key) {
        if (!Files.isDirectory(backupRoot)) {
            // listing a mistyped root would print "no backup sets" and exit 0, as if the backups were gone
            throw new IllegalArgumentException("no backup root at " + backupRoot + ": not a directory");
        }
        return new BackupSets(new BackupOptions(backupRoot, Clock.systemUTC(), ToolVersion.get()).withEncryptionKey(key));
    }

    static BackupSet open(Path setDirectory, ArchiveKey key) {
        Path absolute = setDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("no backup set at " + setDirectory + ": not a directory");
        }
        return at(absolute.getParent(), key).open(absolute);
    }
}
