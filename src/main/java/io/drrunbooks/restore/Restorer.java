package io.drrunbooks.restore;

import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.FileRecord;
import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.verify.SetVerifier;
import io.drrunbooks.verify.Verification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Restores data sets from a backup set safely, and quarantines live data. See {@code package-info.java}. */
public final class Restorer {

    private static final String REPLACED = "replaced";

    private final RestoreOptions options;
    private final SetVerifier verifier = new SetVerifier();
    private final Quarantines quarantines;

    public Restorer(RestoreOptions options) {
        this.options = options;
        this.quarantines = new Quarantines(options);
    }

    /**
     * Restores the named data sets from {@code set}, one after the other, each verified and staged before its
     * live directory (or files) are swapped. Repeating a finished {@code operationId} returns its recorded result.
     */
    public RestoreResult restore(BackupSet set, TargetLayout layout, Collection<String> dataSets, String operationId) {
        if (operationId == null || !operationId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}")) {
            throw new RestoreException("operation id '" + operationId + "' must be letters, digits, '_' and '-'");
        }
        Journal journal = new Journal(layout.root());
        Optional<RestoreResult> done = journal.done(operationId);
        if (done.isPresent()) {
            if (!done.get().setId().equals(set.id())) {
                throw new RestoreException("operation " + operationId + " already restored set " + done.get().setId()
                        + ", not " + set.id());
            }
            return done.get();
        }
        journal.pending(operationId).ifPresent(interrupted -> recover(journal, interrupted));
        if (dataSets.size() > 1) {
            // each data set is swapped once it is staged, so every other one is verified before the first swap:
            // a bad archive later in the list must not leave the target half restored
            Verification preflight = verifier.verify(set, dataSets);
            if (!preflight.ok()) {
                throw new RestoreException(preflight.message());
            }
        }
        List<DataSetResult> results = new ArrayList<>();
        for (String dataSet : dataSets) {
            results.add(restoreDataSet(set, layout, dataSet, operationId, journal));
        }
        RestoreResult result = new RestoreResult(set.id(), operationId, results);
        journal.markDone(result);
        return result;
    }

    public Quarantine quarantine(TargetLayout layout, String dataSet, String label) {
        return quarantines.quarantine(layout, dataSet, label);
    }

    public void release(Quarantine quarantine) {
        quarantines.release(quarantine);
    }

    public ChangeSummary compare(BackupSet set, String dataSet, Path against) {
        return Changes.compare(set, dataSet, against);
    }

    /** Finishes (journal says swapping) or rolls back (still staging) every restore a crash interrupted. */
    public List<String> recoverInterrupted(TargetLayout layout) {
        Journal journal = new Journal(layout.root());
        return journal.allPending().stream().map(entry -> recover(journal, entry)).toList();
    }

    private DataSetResult restoreDataSet(BackupSet set, TargetLayout layout, String name, String operationId,
                                         Journal journal) {
        DataSet dataSet = layout.dataSet(name)
                .orElseThrow(() -> new RestoreException("data set " + name + " is not part of the target layout"));
        ArchiveRecord record = set.archiveRecord(name)
                .orElseThrow(() -> new RestoreException("set " + set.id() + " has no archive for data set " + name));
        if (!record.paths().equals(dataSet.paths())) {
            throw new RestoreException("set " + set.id() + ", archive " + record.file() + ": it holds " + record.paths()
                    + " but the target's data set " + name + " is " + dataSet.paths());
        }
        Journal.Entry entry = plan(set, layout, dataSet, record, operationId);
        journal.write(entry);
        Path staging = Path.of(entry.stagingRoot());
        Extractor extractor = new Extractor(record, staging);
        try {
            Trees.deleteTree(staging);
            Files.createDirectories(staging);
            Verification verification = verifier.verify(set, name, extractor);
            if (!verification.ok()) {
                throw new RestoreException(verification.message());
            }
            extractor.finish();
        } catch (IOException | RuntimeException e) {
            Trees.deleteTree(staging);
            journal.delete(operationId);
            throw e instanceof RestoreException refused ? refused : new RestoreException("set " + set.id()
                    + ", archive " + record.file() + ": staging into " + staging + " failed: " + e, e);
        }
        options.listener().event("verified", Map.of("set", set.id(), "dataSet", name, "archive", record.file()));
        options.listener().event("staged", Map.of("dataSet", name, "staging", staging.toString(),
                "files", extractor.files(), "bytes", extractor.bytes()));
        journal.write(entry.inPhase(Journal.SWAPPING));
        List<String> moved = Swaps.finish(entry);
        journal.delete(operationId);
        options.listener().event("swapped", Map.of("dataSet", name, "moved", moved));
        if (dataSet.kind() == DataSet.Kind.FILES) {
            return new DataSetResult(name, layout.root(), null, extractor.files(), extractor.bytes());
        }
        Journal.Step step = entry.steps().get(0);
        return new DataSetResult(name, Path.of(step.live()), step.quarantine() == null ? null : Path.of(step.quarantine()),
                extractor.files(), extractor.bytes());
    }

    /** Where everything goes: staging beside the live data (same file system, so the renames are atomic). */
    private Journal.Entry plan(BackupSet set, TargetLayout layout, DataSet dataSet, ArchiveRecord record, String operationId) {
        long epoch = options.clock().instant().getEpochSecond();
        Path live = dataSet.kind() == DataSet.Kind.DIRECTORY ? layout.resolve(dataSet.directory()) : null;
        Path stagingRoot = live != null ? live.resolveSibling("." + live.getFileName() + ".staging." + operationId)
                : layout.root().resolve("." + dataSet.name() + ".staging." + operationId);
        List<Journal.Step> steps = new ArrayList<>();
        if (live != null) {
            steps.add(step(live, stagingRoot, epoch));
        } else {
            for (FileRecord file : record.files()) {
                steps.add(step(layout.resolve(file.path()), stagingRoot.resolve(file.path()), epoch));
            }
        }
        try {
            Files.createDirectories(stagingRoot.getParent());
        } catch (IOException e) {
            throw new RestoreException("cannot create " + stagingRoot.getParent() + ": " + e, e);
        }
        return new Journal.Entry(operationId, set.id(), dataSet.name(), Journal.STAGING, stagingRoot.toString(), steps);
    }

    private static Journal.Step step(Path live, Path staging, long epoch) {
        Path quarantine = Files.exists(live) ? Swaps.freeQuarantineName(live, REPLACED, epoch) : null;
        return new Journal.Step(live.toString(), staging.toString(), quarantine == null ? null : quarantine.toString());
    }

    private String recover(Journal journal, Journal.Entry entry) {
        String what = "operation " + entry.operationId() + ", set " + entry.setId() + ", data set " + entry.dataSet() + ": ";
        String description;
        if (Journal.SWAPPING.equals(entry.phase())) {
            List<String> moved = Swaps.finish(entry);
            description = what + "finished the interrupted swap ("
                    + (moved.isEmpty() ? "nothing was left to move" : String.join(", ", moved)) + ")";
        } else {
            Trees.deleteTree(Path.of(entry.stagingRoot()));
            description = what + "staging had not finished; deleted " + entry.stagingRoot() + ", live data left as it was";
        }
        journal.delete(entry.operationId());
        options.listener().event("recovered", Map.of("operationId", entry.operationId(), "description", description));
        return description;
    }
}
