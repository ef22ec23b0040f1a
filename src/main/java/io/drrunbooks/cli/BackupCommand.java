package io.drrunbooks.cli;

import io.drrunbooks.ToolVersion;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "backup", description = "Writes a backup set of the target; prints the set's directory last.")
final class BackupCommand implements Callable<Integer> {

    @Mixin
    KeyFile keyFile;

    @Option(names = "--root", required = true, description = "The target's root: the directory that holds var/, .env and chains.yaml.")
    Path root;

    @Option(names = "--to", required = true, description = "The backup root; the set is written to <to>/<YYYYMMDD_HHMMSS>.")
    Path to;

    @Option(names = "--only", split = ",", description = "The data sets to back up, comma-separated (default: the daily ones, all but cache).")
    List<String> only;

    @Option(names = "--level", defaultValue = "6",
            description = "The deflate level, from 0 (store) to 9 (default: ${DEFAULT-VALUE}, as gzip and the spec's script use).")
    int level;

    @Option(names = "--member-bytes", hidden = true, description = "The bytes of tar stream per gzip member (default: 2 MiB).")
    Long memberBytes;

    @Override
    public Integer call() {
        TargetLayout layout = TargetLayout.platformGod(root);
        BackupOptions options = new BackupOptions(to, Clock.systemUTC(), ToolVersion.get(), level).withEncryptionKey(keyFile.key());
        BackupSets backups = new BackupSets(memberBytes == null ? options : options.withMemberBytes(memberBytes));
        BackupSet set = backups.write(layout, only == null ? layout.dailyDataSets() : layout.dataSets(only));
        set.manifest().archives().forEach(a -> System.out.printf("%-12s %10d bytes  %s%n", a.dataSet(), a.size(), a.sha256()));
        System.out.println(set.directory());
        return 0;
    }
}
