package io.drrunbooks.cli;

import io.drrunbooks.backup.BackupSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "Lists the complete backup sets under a backup root, newest first.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "the backup root")
    Path from;

    @Override
    public Integer call() {
        List<BackupSet> sets = Sets.at(from, null).list();
        if (sets.isEmpty()) {
            System.out.println("no backup sets under " + from);
        }
        Instant now = Instant.now();
        for (BackupSet set : sets) {
            System.out.printf("%s  %-20s  %8d KiB  age %-10s  %s%s%n", set.id(), set.createdAt(), set.sizeBytes() / 1024,
                    Duration.between(set.createdAt(), now).toHours() + "h", String.join(",", set.dataSets()),
                    set.legacy() ? "  (written by backup_platform_god.sh)" : "");
        }
        return 0;
    }
}
