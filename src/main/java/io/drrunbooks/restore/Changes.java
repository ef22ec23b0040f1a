package io.drrunbooks.restore;

import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.FileRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/** Compares a set's manifest with a tree on disk, by file hash, without extracting anything. */
final class Changes {

    private Changes() {
    }

    static ChangeSummary compare(BackupSet set, String dataSet, Path against) {
        ArchiveRecord record = record(set, dataSet);
        return compare(record, record.isDirectory() ? Trees.hashFiles(against) : listedFiles(record, against));
    }

    /** Against a tree's file hashes as recorded (a quarantine's list), paths relative to the data set. */
    static ChangeSummary compare(BackupSet set, String dataSet, Map<String, String> onDisk) {
        return compare(record(set, dataSet), onDisk);
    }

    private static ArchiveRecord record(BackupSet set, String dataSet) {
        return set.archiveRecord(dataSet)
                .orElseThrow(() -> new RestoreException("set " + set.id() + " has no archive for data set " + dataSet));
    }

    private static ChangeSummary compare(ArchiveRecord record, Map<String, String> onDisk) {
        Map<String, String> inBackup = new TreeMap<>();
        for (FileRecord file : record.files()) {
            inBackup.put(record.insideDataSet(file.path()).orElse(file.path()), file.sha256());
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        inBackup.forEach((path, sha256) -> {
            if (!onDisk.containsKey(path)) {
                added.add(path);
            } else if (!onDisk.get(path).equals(sha256)) {
                changed.add(path);
            }
        });
        List<String> removed = onDisk.keySet().stream().filter(path -> !inBackup.containsKey(path)).toList();
        return new ChangeSummary(added, removed, changed);
    }

    /** A file-list data set's files present in {@code directory}. */
    private static Map<String, String> listedFiles(ArchiveRecord record, Path directory) {
        Map<String, String> hashes = new TreeMap<>();
        for (String path : record.paths()) {
            Path file = directory.resolve(path);
            if (Files.isRegularFile(file, NOFOLLOW_LINKS)) {
                try {
                    hashes.put(path, Trees.sha256(file));
                } catch (IOException e) {
                    throw new RestoreException("cannot read " + file + ": " + e, e);
                }
            }
        }
        return hashes;
    }
}
