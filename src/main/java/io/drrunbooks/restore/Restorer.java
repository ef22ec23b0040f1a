package io.drrunbooks.restore;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Restores data sets from a backup set safely, and quarantines live data. See {@code package-info.java}. */
public final class Restorer {

    static final String REPLACED = "replaced";

    private final RestoreOptions options;
    private final Quarantines quarantines;

    public Restorer(RestoreOptions options) {
        this.options = options;
        this.quarantines = new Quarantines(options);
    }

    /**
     * The operation id of one data set's restore within a run: restores of a run's data sets that run side by
     * side need a journal entry each, and {@link #runOf} finds the run again for the record of a recovery.
     */
    public static String operationOf(String runId, String dataSet) {
        return runId + "-" + dataSet;
    }

    /** The run (or command-line restore) an operation belongs to, whose trail records the operation's recovery. */
    public static String runOf(String operationId, String dataSet) {
        String suffix = "-" + dataSet;
        return operationId.endsWith(suffix) ? operationId.substring(0, operationId.length() - suffix.length()) : operationId;
    }

    /**
     * Restores the named data sets from {@code set}: all are verified and staged (in parallel) before the first
     * live directory (or file) is swapped. Repeating a finished {@code operationId} returns its recorded result.
     * Restores of one data set, from this process or another, take turns; restores of different data sets of one
     * root run at the same time ({@link DataSetLocks}).
     */
    public RestoreResult restore(BackupSet set, TargetLayout layout, Collection<String> dataSets, String operationId) {
        if (operationId == null || !operationId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}")) {
            throw new RestoreException("operation id '" + operationId + "' must be letters, digits, '_' and '-'");
        }
        List<String> names = List.copyOf(dataSets);
        try (DataSetLocks held = DataSetLocks.acquire(layout.root(), names)) {
            Journal journal = new Journal(layout.root());
            List<Journal.Entry> pending = journal.pending(operationId);
            for (Journal.Entry entry : pending) {
                if (!names.contains(entry.dataSet())) { // its lock is not held here: leave it to recovery
                    throw new RestoreException("operation " + operationId + " has data set " + entry.dataSet()
                            + " in flight, which this restore of " + names + " does not name");
                }
            }
            Optional<RestoreResult> committed = journal.committed(operationId);
            if (committed.isPresent()) {
                if (!committed.get().setId().equals(set.id())) {
                    throw new RestoreException("operation " + operationId + " already restored set " + committed.get().setId()
                            + ", not " + set.id());
                }
                pending.forEach(interrupted -> recover(journal, interrupted, true));
                return committed.get();
            }
            pending.forEach(interrupted -> recover(journal, interrupted, false));
            List<Staging.Staged> staged = new Staging(journal, options.clock().instant().getEpochSecond())
                    .stageAll(set, layout, names, operationId);
            RestoreResult result = new RestoreResult(set.id(), operationId,
                    staged.stream().map(each -> result(layout, each)).toList());
            // The point of no return: every data set is staged, verified and on disk. From here a crash finishes every
            // swap of the operation, so a restore of several data sets leaves all of them old or all of them new.
            journal.commit(result);
            staged.forEach(each -> swap(set, each, journal));
            return result;
        }
    }

    /**
     * Where {@link #quarantine} would move the data set's live directory now ({@code <dir>.<label>.<epoch>}), so the
     * caller can record it before the move and, delivered again after a crash, finish the same quarantine.
     */
    public Path planQuarantine(TargetLayout layout, String dataSet, String label) {
        return quarantines.plan(layout, dataSet, label);
    }

    /** Moves the live directory to its planned quarantine read-only; repeated, finishes an interrupted one. */
    public Quarantine quarantine(TargetLayout layout, String dataSet, Path quarantined) {
        return quarantines.quarantine(layout, dataSet, quarantined);
    }

    /**
     * Moves a quarantine back to its live directory; false, with nothing moved, when the live directory exists (a
     * restore put a tree there), so the quarantine stays.
     */
    public boolean release(TargetLayout layout, String dataSet, Path quarantined) {
        return quarantines.release(layout, dataSet, quarantined);
    }

    public ChangeSummary compare(BackupSet set, String dataSet, Path against) {
        return Changes.compare(set, dataSet, against);
    }

    /** What restoring the data set would change against a quarantine's recorded file list (no tree is read). */
    public ChangeSummary compare(BackupSet set, String dataSet, Map<String, String> recordedFiles) {
        return Changes.compare(set, dataSet, recordedFiles);
    }

    /**
     * Finishes every swap of a committed restore a crash interrupted, and rolls back (deletes the stagings of) every
     * restore that had not committed; each as a {@code recovered} event with its operation id. Each entry is handled
     * under its data set's lock: a restore still running holds it until its entries are gone, so an entry still there
     * once the lock is free was left by a crash, and restores of other data sets go on meanwhile.
     */
    public List<String> recoverInterrupted(TargetLayout layout) {
        Journal journal = new Journal(layout.root());
        List<String> report = new ArrayList<>();
        for (Path file : journal.entryFiles()) {
            Optional<Journal.Entry> seen = journal.entry(file);
            if (seen.isEmpty()) {
                continue;
            }
            try (DataSetLocks held = DataSetLocks.acquire(layout.root(), List.of(seen.get().dataSet()))) {
                journal.entry(file).ifPresent(entry ->
                        report.add(recover(journal, entry, journal.committed(entry.operationId()).isPresent())));
            }
        }
        return report;
    }

    private void swap(BackupSet set, Staging.Staged staged, Journal journal) {
        Journal.Entry entry = staged.entry();
        String name = entry.dataSet();
        String archive = set.archiveRecord(name).orElseThrow().file();
        options.listener().event("verified", Map.of("set", set.id(), "dataSet", name, "archive", archive));
        options.listener().event("staged", Map.of("dataSet", name, "staging", entry.stagingRoot(),
                "files", staged.files(), "bytes", staged.bytes()));
        List<String> moved = Swaps.finish(entry);
        journal.delete(entry);
        options.listener().event("swapped", Map.of("dataSet", name, "moved", moved));
    }

    private static DataSetResult result(TargetLayout layout, Staging.Staged staged) {
        Journal.Entry entry = staged.entry();
        if (layout.dataSet(entry.dataSet()).orElseThrow().kind() == DataSet.Kind.FILES) {
            return new DataSetResult(entry.dataSet(), layout.root(), null, staged.files(), staged.bytes());
        }
        Journal.Step step = entry.steps().get(0);
        return new DataSetResult(entry.dataSet(), Path.of(step.live()),
                step.quarantine() == null ? null : Path.of(step.quarantine()), staged.files(), staged.bytes());
    }

    private String recover(Journal journal, Journal.Entry entry, boolean committed) {
        String what = "operation " + entry.operationId() + ", set " + entry.setId() + ", data set " + entry.dataSet() + ": ";
        boolean finish = committed || Journal.SWAPPING.equals(entry.phase());
        String description;
        if (finish) {
            List<String> moved = Swaps.finish(entry);
            description = what + "finished the interrupted swap ("
                    + (moved.isEmpty() ? "nothing was left to move" : String.join(", ", moved)) + ")";
        } else {
            Trees.deleteTree(Path.of(entry.stagingRoot()));
            description = what + "staging had not finished; deleted " + entry.stagingRoot() + ", live data left as it was";
        }
        journal.delete(entry);
        options.listener().event("recovered", Map.of("operationId", entry.operationId(), "setId", entry.setId(),
                "dataSet", entry.dataSet(), "outcome", finish ? "finished" : "rolled back", "description", description));
        return description;
    }
}
