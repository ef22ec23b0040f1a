package io.drrunbooks.cli;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.ListedSet;
import io.drrunbooks.backup.UnreadableSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "Lists the complete backup sets under a backup root, newest first; one that does not open with why.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "The backup root: the directory the sets are in.")
    Path from;

    @Override
    public Integer call() {
        List<ListedSet> sets = Sets.at(from, null).catalogue();
        if (sets.isEmpty()) {
            System.out.println("no backup sets under " + from);
        }
        Instant now = Instant.now();
        for (ListedSet set : sets) {
            String what = set instanceof UnreadableSet unreadable ? "UNREADABLE: " + unreadable.problem()
                    : String.join(",", ((BackupSet) set).dataSets());
            System.out.printf("%s  %-20s  %8d KiB  age %-10s  %s%s%n", set.id(), set.createdAt(), set.sizeBytes() / 1024,
                    Duration.between(set.createdAt(), now).toHours() + "h", what,
                    set.legacy() ? "  (written by backup_platform_god.sh)" : "");
        }
        return 0;
    }
}
