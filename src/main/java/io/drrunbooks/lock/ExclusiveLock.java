package io.drrunbooks.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A lock file held by one thread of one process at a time: the command line beside a running service, two
 * instances sharing a disk, two threads of one JVM. A file lock belongs to the whole process (a second one from
 * the same JVM fails rather than waits), so a lock per path guards the threads within. Not reentrant.
 */
public final class ExclusiveLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel file;
    private final FileLock processes;

    private ExclusiveLock(ReentrantLock threads, FileChannel file, FileLock processes) {
        this.threads = threads;
        this.file = file;
        this.processes = processes;
    }

    /** Waits until {@code lockFile} (created with its directory when missing) is free, and holds it. */
    public static ExclusiveLock acquire(Path lockFile) {
        Path path = lockFile.toAbsolutePath().normalize();
        ReentrantLock threads = IN_THIS_JVM.computeIfAbsent(path, p -> new ReentrantLock());
        threads.lock();
        try {
            Files.createDirectories(path.getParent());
            FileChannel file = FileChannel.open(path, CREATE, WRITE);
            try {
                return new ExclusiveLock(threads, file, file.lock());
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        } catch (IOException e) {
            threads.unlock();
            throw new UncheckedIOException("cannot lock " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            threads.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            processes.release();
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock " + file + ": " + e.getMessage(), e);
        } finally {
            threads.unlock();
        }
    }
}
