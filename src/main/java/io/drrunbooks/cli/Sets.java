package io.drrunbooks.cli;

import io.drrunbooks.ToolVersion;
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

    static BackupSets at(Path backupRoot) {
        return new BackupSets(new BackupOptions(backupRoot, Clock.systemUTC(), ToolVersion.get()));
    }

    static BackupSet open(Path setDirectory) {
        Path absolute = setDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("no backup set at " + setDirectory + ": not a directory");
        }
        return at(absolute.getParent()).open(absolute);
    }
}
