package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.restore.ChangeSummary;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code select-backup}: walks back from the newest backup set to the newest one whose archives
 * verify and whose registry parses (corruption may already be in the latest backup), records why
 * each newer set was skipped, checks the chosen set's age against the RPO, and summarises what
 * restoring it would change against the quarantined tree (its recorded file list), for the approver.
 */
@Component
class SelectBackupStep implements StepHandler {

    static final int LISTED_CHANGES = 50;
    private final BackupSets backups;
    private final SetChecks checks;
    private final Restorer restorer;
    private final RunTargets targets;
    private final QuarantinedFiles quarantinedFiles;
    private final Clock clock;

    SelectBackupStep(BackupSets backups, SetChecks checks, Restorer restorer, RunTargets targets,
                     QuarantinedFiles quarantinedFiles, Clock clock) {
        this.backups = backups;
        this.quarantinedFiles = quarantinedFiles;
        this.checks = checks;
        this.restorer = restorer;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public String jobType() {
        return "select-backup";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        List<String> dataSets = context.strings("dataSets");
        SetWalk walk = new SetWalk();
        return walk.first(SetWalk.candidates(context, backups), set -> checks.problem(set, dataSets, context.runId()))
                .map(set -> chosen(context, set, dataSets, walk))
                .orElseThrow(() -> new BpmnError("NO_USABLE_BACKUP", "no backup set holds a verified, parseable copy of "
                        + dataSets, Map.of("noUsableBackup", true, "skippedSets", walk.skipped(), "skippedSummary", walk.summary())));
    }

    private Map<String, Object> chosen(StepContext context, BackupSet set, List<String> dataSets, SetWalk walk) {
        Duration age = Duration.between(set.createdAt(), Instant.now(clock));
        Duration rpo = context.duration("rpo");
        Map<String, Object> changes = new LinkedHashMap<>();
        List<String> changeLines = new ArrayList<>();
        for (String dataSet : dataSets) {
            ChangeSummary summary = quarantinedFiles.of(context.runId(), dataSet)
                    .map(recorded -> restorer.compare(set, dataSet, recorded))
                    .orElseGet(() -> restorer.compare(set, dataSet, current(context, dataSet)));
            changes.put(dataSet, Map.of("added", first(summary.added()), "removed", first(summary.removed()),
                    "changed", first(summary.changed())));
            changeLines.add(dataSet + ": " + summary.added().size() + " added, " + summary.removed().size()
                    + " removed, " + summary.changed().size() + " changed" + examples(summary));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("backupSetId", set.id());
        output.put("backupSetCreatedAt", set.createdAt().toString());
        output.put("backupAgeSeconds", age.toSeconds());
        output.put("backupAge", Durations.human(age));
        output.put("rpoMet", age.compareTo(rpo) <= 0);
        output.put("rpoCheck", (age.compareTo(rpo) <= 0 ? "within" : "OUTSIDE") + " the RPO of " + Durations.human(rpo)
                + ": the set is " + Durations.human(age) + " old");
        output.put("skippedSets", walk.skipped());
        output.put("skippedSummary", walk.summary());
        output.put("changes", changes);
        output.put("changeSummary", String.join("\n", changeLines));
        return output;
    }

    /** What the data set would replace: its live directory, or for a file list the root the files sit in. */
    private Path current(StepContext context, String dataSet) {
        TargetLayout layout = targets.layout(context);
        DataSet definition = layout.dataSets(List.of(dataSet)).get(0);
        return definition.kind() == DataSet.Kind.DIRECTORY ? layout.resolve(definition.directory()) : layout.root();
    }

    private static List<String> first(List<String> paths) {
        return paths.size() <= LISTED_CHANGES ? paths : paths.subList(0, LISTED_CHANGES);
    }

    private static String examples(ChangeSummary summary) {
        List<String> some = new ArrayList<>();
        summary.changed().stream().limit(3).forEach(p -> some.add("~" + p));
        summary.added().stream().limit(3).forEach(p -> some.add("+" + p));
        summary.removed().stream().limit(3).forEach(p -> some.add("-" + p));
        return some.isEmpty() ? "" : " (" + String.join(", ", some) + ")";
    }
}
