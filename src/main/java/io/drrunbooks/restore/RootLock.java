package io.drrunbooks.restore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * One restore or recovery at a time on a target root, across processes (the command line beside a running service)
 * and threads: recovery cannot tell a crashed restore's journal from a running one's, so without this lock it would
 * delete the staging a running restore is about to swap in. The file lock is the JVM's for the whole process, so a
 * lock per root guards the threads within.
 */
final class RootLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel file;
    private final FileLock processes;

    private RootLock(ReentrantLock threads, FileChannel file, FileLock processes) {
        this.threads = threads;
        this.file = file;
        this.processes = processes;
    }

    /** Waits for the root to be free. */
    static RootLock acquire(Path root) {
        Path journal = root.toAbsolutePath().normalize().resolve(Journal.DIRECTORY);
        ReentrantLock threads = IN_THIS_JVM.computeIfAbsent(journal, j -> new ReentrantLock());
        threads.lock();
        try {
            Files.createDirectories(journal);
            FileChannel file = FileChannel.open(journal.resolve(".lock"), CREATE, WRITE);
            try {
                return new RootLock(threads, file, file.lock());
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            threads.unlock();
            throw new RestoreException("cannot lock " + journal + " for the restore: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            processes.release();
            file.close();
        } catch (IOException e) {
            throw new RestoreException("cannot unlock the restore journal: " + e, e);
        } finally {
            threads.unlock();
        }
    }
}
