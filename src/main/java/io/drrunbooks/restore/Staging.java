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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stages the data sets of one restore side by side, one thread per data set up to the number of cores: each is
 * decompressed, checked and written into its staging directory in a single pass. Every data set is staged and
 * verified before the caller swaps the first one, so a bad archive anywhere in the list leaves the target as it was.
 */
final class Staging {

    /** A data set whose staging directory holds its verified content. */
    record Staged(Journal.Entry entry, int files, long bytes) {
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Parts of one archive handed out at once: enough to keep every core busy, few enough to bound memory. */
    private static final int PARTS_IN_FLIGHT = 2 * CORES;

    private final SetVerifier verifier = new SetVerifier();
    private final Journal journal;
    private final long epoch;

    Staging(Journal journal, long epoch) {
        this.journal = journal;
        this.epoch = epoch;
    }

    /** Stages every data set, or throws the first failure in list order after removing every staging. */
    List<Staged> stageAll(BackupSet set, TargetLayout layout, List<String> dataSets, String operationId) {
        List<Journal.Entry> entries = new ArrayList<>();
        for (String name : dataSets) {
            entries.add(plan(set, layout, name, operationId));
        }
        entries.forEach(journal::write);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(entries.size(), CORES)));
        ExecutorService fileWriters = Executors.newFixedThreadPool(CORES);
        ExecutorService parts = Executors.newFixedThreadPool(CORES);
        try {
            List<CompletableFuture<Staged>> staging = entries.stream()
                    .map(entry -> CompletableFuture.supplyAsync(() -> stage(set, entry, new Pools(fileWriters, parts)), pool))
                    .toList();
            CompletableFuture.allOf(staging.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
            List<Staged> staged = new ArrayList<>();
            for (CompletableFuture<Staged> each : staging) {
                try {
                    staged.add(each.join());
                } catch (CompletionException failure) {
                    entries.forEach(this::discard);
                    if (failure.getCause() instanceof Error error) {
                        throw error; // out of memory, say: not the archive's fault, and not to be dressed up as such
                    }
                    throw failure.getCause() instanceof RestoreException refused ? refused
                            : new RestoreException("staging " + set.id() + " failed: " + failure.getCause(), failure.getCause());
                }
            }
            Trees.makeDurable(entries.stream().map(entry -> Path.of(entry.stagingRoot())).toList());
            return staged;
        } finally {
            pool.shutdownNow();
            parts.shutdownNow();
            fileWriters.shutdown();
        }
    }

    /** Where the small files are written, and where the parts of an archive with a member index are read. */
    private record Pools(Executor fileWriters, Executor parts) {
    }

    /** Removes a staging that will not be swapped, and its journal entry. */
    void discard(Journal.Entry entry) {
        Trees.deleteTree(Path.of(entry.stagingRoot()));
        journal.delete(entry);
    }

    private Staged stage(BackupSet set, Journal.Entry entry, Pools pools) {
        ArchiveRecord record = set.archiveRecord(entry.dataSet()).orElseThrow();
        Path staging = Path.of(entry.stagingRoot());
        try (FileWrites smallFiles = new FileWrites(pools.fileWriters())) {
            Extractor extractor = new Extractor(set.id(), record, staging, smallFiles);
            Trees.deleteTree(staging);
            Files.createDirectories(staging);
            // a set written with a member index is read on every core; others (the spec's script's) in one pass
            Verification verification = verifier.verifyInParallel(set, entry.dataSet(), extractor::part, pools.parts(),
                    PARTS_IN_FLIGHT);
            if (!verification.ok()) {
                throw new RestoreException(verification);
            }
            extractor.finish();
            return new Staged(entry, extractor.files(), extractor.bytes());
        } catch (IOException | RuntimeException e) {
            throw e instanceof RestoreException refused ? refused : new RestoreException("set " + set.id()
                    + ", archive " + record.file() + ": staging into " + staging + " failed: " + e, e);
        }
    }

    /** Where everything goes: staging beside the live data (same file system, so the renames are atomic). */
    private Journal.Entry plan(BackupSet set, TargetLayout layout, String name, String operationId) {
        DataSet dataSet = layout.dataSet(name)
                .orElseThrow(() -> new RestoreException("data set " + name + " is not part of the target layout"));
        ArchiveRecord record = set.archiveRecord(name)
                .orElseThrow(() -> new RestoreException("set " + set.id() + " has no archive for data set " + name));
        if (!record.paths().equals(dataSet.paths())) {
            throw new RestoreException("set " + set.id() + ", archive " + record.file() + ": it holds " + record.paths()
                    + " but the target's data set " + name + " is " + dataSet.paths());
        }
        Path live = dataSet.kind() == DataSet.Kind.DIRECTORY ? layout.resolve(dataSet.directory()) : null;
        Path stagingRoot = live != null ? live.resolveSibling("." + live.getFileName() + ".staging." + operationId)
                : layout.root().resolve("." + dataSet.name() + ".staging." + operationId);
        List<Journal.Step> steps = new ArrayList<>();
        if (live != null) {
            steps.add(step(live, stagingRoot));
        } else {
            for (FileRecord file : record.files()) {
                steps.add(step(layout.resolve(file.path()), stagingRoot.resolve(file.path())));
            }
        }
        try {
            Files.createDirectories(stagingRoot.getParent());
        } catch (IOException e) {
            throw new RestoreException("cannot create " + stagingRoot.getParent() + ": " + e, e);
        }
        return new Journal.Entry(operationId, set.id(), dataSet.name(), Journal.STAGING, stagingRoot.toString(), steps);
    }

    private Journal.Step step(Path live, Path staging) {
        Path quarantine = Files.exists(live) ? Swaps.freeQuarantineName(live, Restorer.REPLACED, epoch) : null;
        return new Journal.Step(live.toString(), staging.toString(), quarantine == null ? null : quarantine.toString());
    }
}
