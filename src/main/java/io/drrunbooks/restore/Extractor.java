package io.drrunbooks.restore;

import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.ArchiveVisitor;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the entries the verifier lets through into a staging directory: an archive path inside the data set
 * ({@code var/registry/agents/a.yaml}) lands at the same path inside staging ({@code agents/a.yaml}). Files get
 * their archive modes at once; directories get theirs at the end, since a read-only directory would refuse the
 * files that still belong in it. Made for ~100,000 small files: parents known to exist are not looked up again,
 * small files are created on a pool ({@link FileWrites}), large ones copied through a reused buffer, and nothing
 * is fsynced here ({@link Trees#makeDurable} flushes the whole staging once, before the swap).
 *
 * <p>The parts of an archive read in parallel each extract through a {@link #part()} of their own, at the same
 * time. Their symlinks wait until every part is written ({@link #finish}), then are created in archive order: a
 * part never finds a symlink in the staging to write through, and a symlink whose path another part filled is
 * refused by the file system (the path exists), as a serial pass refuses a file written through a symlink.
 */
final class Extractor implements ArchiveVisitor {

    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[256 * 1024]);

    private final String setId;
    private final ArchiveRecord record;
    private final Path staging;
    private final Map<Path, Integer> directoryModes = new ConcurrentHashMap<>();
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();
    private final FileWrites smallFiles;
    private final List<Part> parts = new ArrayList<>();
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    Extractor(String setId, ArchiveRecord record, Path staging, FileWrites smallFiles) {
        this.setId = setId;
        this.record = record;
        this.staging = staging;
        this.smallFiles = smallFiles;
    }

    /** One part of an archive read in parallel; parts are made in archive order. */
    ArchiveVisitor part() {
        Part part = new Part();
        synchronized (parts) {
            parts.add(part);
        }
        return part;
    }

    /** A symlink to create once every part is written. */
    private record Symlink(Path path, Path target, String entry) {
    }

    private final class Part implements ArchiveVisitor {
        private final List<Symlink> symlinks = new ArrayList<>();

        @Override
        public void entry(TarArchiveEntry entry, InputStream content) throws IOException {
            if (entry.isSymbolicLink()) {
                symlinks.add(new Symlink(stagingPath(entry.getName()), Path.of(entry.getLinkName()), entry.getName()));
            } else {
                extract(entry, content);
            }
        }
    }

    @Override
    public void entry(TarArchiveEntry entry, InputStream content) throws IOException {
        extract(entry, content);
    }

    private void extract(TarArchiveEntry entry, InputStream content) throws IOException {
        Path target = stagingPath(entry.getName());
        if (entry.isDirectory()) {
            createDirectories(target);
            directoryModes.put(target, entry.getMode());
            return;
        }
        createDirectories(target.getParent());
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            smallFiles.await(); // the file linked to may still be on its way
            Files.createLink(target, stagingPath(entry.getLinkName()));
            files.incrementAndGet();
            bytes.addAndGet(Files.size(target));
        } else if (entry.getSize() <= FileWrites.SMALL_FILE) {
            byte[] whole = content.readNBytes((int) entry.getSize());
            smallFiles.write(target, whole, entry.getMode());
            files.incrementAndGet();
            bytes.addAndGet(whole.length);
        } else {
            byte[] buffer = BUFFERS.get();
            try (OutputStream out = FileWrites.create(target)) {
                for (int n; (n = content.read(buffer)) > 0; bytes.addAndGet(n)) {
                    out.write(buffer, 0, n);
                }
            }
            FileWrites.seal(target, entry.getMode());
            files.incrementAndGet();
        }
    }

    private void createDirectories(Path directory) throws IOException {
        if (directories.add(directory)) {
            Files.createDirectories(directory);
        }
    }

    /**
     * Waits for the small files, creates the parts' symlinks in archive order, then gives the directories their
     * archive modes, deepest first.
     */
    void finish() throws IOException {
        smallFiles.await();
        Set<Path> created = new HashSet<>();
        for (Part part : parts) {
            for (Symlink symlink : part.symlinks) {
                Path through = throughSymlink(symlink.path(), created);
                if (through != null || Files.exists(symlink.path(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new RestoreException("set " + setId + ", archive " + record.file() + ", entry " + symlink.entry()
                            + ": " + (through != null ? "written through the symlink " + staging.relativize(through)
                            : "a symlink where the archive also has entries (written through it, or a duplicate)"));
                }
                createDirectories(symlink.path().getParent());
                Files.createSymbolicLink(symlink.path(), symlink.target());
                created.add(symlink.path());
            }
        }
        List<Path> deepestFirst = new ArrayList<>(directoryModes.keySet());
        deepestFirst.sort(Comparator.reverseOrder());
        for (Path directory : deepestFirst) {
            Files.setPosixFilePermissions(directory, Trees.permissions(directoryModes.get(directory)));
        }
    }

    /** The symlink among {@code symlinks} that {@code path} lies under, or null. */
    private Path throughSymlink(Path path, Set<Path> symlinks) {
        for (Path parent = path.getParent(); parent != null && parent.startsWith(staging); parent = parent.getParent()) {
            if (symlinks.contains(parent)) {
                return parent;
            }
        }
        return null;
    }

    int files() {
        return files.get();
    }

    long bytes() {
        return bytes.get();
    }

    private Path stagingPath(String archivePath) {
        String path = archivePath.endsWith("/") ? archivePath.substring(0, archivePath.length() - 1) : archivePath;
        String inside = record.insideDataSet(path)
                .orElseThrow(() -> new RestoreException("entry " + archivePath + " lies outside the data set"));
        Path target = staging.resolve(inside).normalize();
        // The verifier's rules already refused such an entry; this guard keeps a rule bug from writing outside.
        if (!target.startsWith(staging)) {
            throw new RestoreException("entry " + archivePath + " would leave the staging directory");
        }
        return target;
    }
}
