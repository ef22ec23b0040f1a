package io.drrunbooks.restore;

import io.drrunbooks.lock.ExclusiveLock;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The restore locks of some data sets of one target root, {@code .dr-restore/.<dataSet>.lock}, across processes and
 * threads. A restore holds the locks of all its data sets from before it writes its first journal entry until its
 * last one is gone; recovery holds a data set's lock while it finishes or rolls back that data set's entry. So a
 * recovery never takes a running restore's journal for a crash's (it would delete the staging the restore is about
 * to swap in), two restores of one data set take turns, and restores of different data sets run side by side.
 * Taken in name order, so two restores never each wait for a lock the other holds.
 */
final class DataSetLocks implements AutoCloseable {

    private final List<ExclusiveLock> held;

    private DataSetLocks(List<ExclusiveLock> held) {
        this.held = held;
    }

    static DataSetLocks acquire(Path root, Collection<String> dataSets) {
        List<ExclusiveLock> held = new ArrayList<>();
        try {
            for (String dataSet : new TreeSet<>(dataSets)) {
                held.add(ExclusiveLock.acquire(lockFile(root, dataSet)));
            }
            return new DataSetLocks(held);
        } catch (RuntimeException e) {
            new DataSetLocks(held).close();
            throw e instanceof UncheckedIOException io ? new RestoreException("cannot lock the restore journal: "
                    + io.getMessage(), io) : e;
        }
    }

    /** The name becomes part of a file name, so it must be one: a data set name is a word. */
    private static Path lockFile(Path root, String dataSet) {
        if (!dataSet.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new RestoreException("data set name '" + dataSet + "' must be letters, digits, '_' and '-'");
        }
        return root.resolve(Journal.DIRECTORY).resolve("." + dataSet + ".lock");
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = held.size() - 1; i >= 0; i--) {
            try {
                held.get(i).close();
            } catch (RuntimeException e) { // the others are released all the same
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
