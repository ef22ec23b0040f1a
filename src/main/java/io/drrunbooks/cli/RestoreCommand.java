package io.drrunbooks.cli;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.restore.RestoreOptions;
import io.drrunbooks.restore.RestoreResult;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

@Command(name = "restore", description = {
        "Restores a backup set into a target root with the service's safety: verify first, stage beside the live",
        "directory, verify every file, swap atomically, keep the old tree as <dir>.replaced.<epoch>.",
        "Without --only, every data set in the set but config (which overwrites .env) is restored."})
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    KeyFile keyFile;

    @Option(names = "--from", required = true, description = "The backup set's directory.")
    Path from;

    @Option(names = "--root", required = true, description = "The target's root: the directory that holds var/ and .env.")
    Path root;

    @Option(names = "--only", split = ",", description = "The data sets to restore, comma-separated, among registry, state, artifacts, audit, cache and config.")
    List<String> only;

    @Option(names = "--home", defaultValue = "${env:DR_HOME:-./dr-data}",
            description = "The service's home, whose audit trail records this restore (default: $DR_HOME or ./dr-data).")
    Path home;

    @Override
    public Integer call() {
        // Opening (and migrating) the audit database and reading a large set's manifest take a second each: together.
        CompletableFuture<DataSource> database = CompletableFuture.supplyAsync(() -> CliDatabase.open(home));
        BackupSet set;
        try {
            set = Sets.open(from, keyFile.key());
        } catch (RuntimeException unusable) {
            database.exceptionally(failed -> null).join(); // the command's exit must not cut a migration short
            throw unusable;
        }
        TargetLayout layout = TargetLayout.platformGod(root);
        List<String> dataSets = only != null ? layout.dataSets(only).stream().map(DataSet::name).toList()
                : set.dataSets().stream().filter(d -> !d.equals(TargetLayout.CONFIG)).toList();
        String runId = "cli-restore-" + UUID.randomUUID();
        String actor = System.getProperty("user.name", "cli");
        AuditTrail audit = new AuditTrail(opened(database), Clock.systemUTC());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("set", set.directory().toString());
        request.put("root", layout.root().toString());
        request.put("dataSets", dataSets);
        audit.append(runId, actor, "restore.requested", null, request);
        // a recovery goes into the trail of the run whose restore it finishes or rolls back, as at the service's start
        Restorer restorer = new Restorer(new RestoreOptions(Clock.systemUTC(), (type, detail) -> audit.append(
                type.equals("recovered") ? Restorer.runOf((String) detail.get("operationId"), (String) detail.get("dataSet")) : runId, actor, "restore." + type, null, detail)));
        try {
            // as the service does at start: a restore a crash interrupted is finished or rolled back before this one
            restorer.recoverInterrupted(layout).forEach(done -> System.out.println("interrupted restore: " + done));
            RestoreResult result = restorer.restore(set, layout, dataSets, runId);
            result.dataSets().forEach(d -> System.out.printf("restored %-10s %12s  %s%s%n", d.dataSet(), Counted.of(d.files(), "file"),
                    d.live(), d.quarantine() == null ? "" : "  (old tree kept at " + d.quarantine() + ")"));
            audit.append(runId, actor, "restore.completed", null, Map.of("dataSets", dataSets));
            System.out.println("audit trail: " + runId + " in " + home);
            return 0;
        } catch (RuntimeException failure) {
            audit.append(runId, actor, "restore.failed", null, Map.of("error", String.valueOf(failure.getMessage())));
            throw failure;
        }
    }

    private static DataSource opened(CompletableFuture<DataSource> database) {
        try {
            return database.join();
        } catch (CompletionException failure) {
            throw failure.getCause() instanceof RuntimeException cause ? cause : failure;
        }
    }
}
