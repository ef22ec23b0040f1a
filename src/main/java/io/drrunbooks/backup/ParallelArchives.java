package io.drrunbooks.backup;

import io.drrunbooks.target.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Writes a set's archives at the same time, one thread per data set up to the number of cores, all sharing a pool
 * that reads small files ahead and a compression pool, each of that size: while one data set's 100,000 small files
 * are opened and read, the blocks of another keep the cores deflating.
 */
final class ParallelArchives {

    private ParallelArchives() {
    }

    /** The archives in the order of {@code dataSets}; the first data set (in that order) that failed is thrown. */
    static List<ArchiveRecord> write(Path root, Collection<DataSet> dataSets, Path setDirectory, BackupOptions options) {
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService compressors = Executors.newFixedThreadPool(cores);
        ExecutorService readers = Executors.newFixedThreadPool(cores);
        ArchiveWriter.Pools pools = new ArchiveWriter.Pools(readers, compressors);
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, Math.min(cores, dataSets.size())));
        try {
            List<CompletableFuture<ArchiveRecord>> archives = new ArrayList<>();
            for (DataSet dataSet : dataSets) {
                archives.add(CompletableFuture.supplyAsync(() -> ArchiveWriter.write(root, dataSet,
                        setDirectory.resolve(dataSet.archiveName()), options, pools), writers));
            }
            List<ArchiveRecord> records = new ArrayList<>();
            for (CompletableFuture<ArchiveRecord> archive : archives) {
                records.add(join(archive));
            }
            return records;
        } finally {
            // after a failure the other writers are interrupted, and waited for: the caller deletes their directory
            writers.shutdownNow();
            awaitQuietly(writers);
            compressors.shutdownNow();
            readers.shutdownNow();
        }
    }

    private static void awaitQuietly(ExecutorService writers) {
        try {
            writers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ArchiveRecord join(CompletableFuture<ArchiveRecord> archive) {
        try {
            return archive.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }
}
