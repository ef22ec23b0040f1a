package io.drrunbooks.restore;

import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.ArchiveVisitor;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the entries the verifier lets through into a staging directory: an archive path inside the data set
 * ({@code var/registry/agents/a.yaml}) lands at the same path inside staging ({@code agents/a.yaml}). Files get
 * their archive modes at once; directories get theirs at the end, since a read-only directory would refuse the
 * files that still belong in it. Made for ~100,000 small files: parents known to exist are not looked up again,
 * small files are created on a pool ({@link FileWrites}), large ones copied through one reused buffer, and nothing
 * is fsynced here ({@link Trees#makeDurable} flushes the
 * whole staging once, before the swap).
 */
final class Extractor implements ArchiveVisitor {

    private final ArchiveRecord record;
    private final Path staging;
    private final Map<Path, Integer> directoryModes = new TreeMap<>(Comparator.reverseOrder());
    private final Set<Path> directories = new HashSet<>();
    private final byte[] buffer = new byte[256 * 1024];
    private final FileWrites smallFiles;
    private int files;
    private long bytes;

    Extractor(ArchiveRecord record, Path staging, FileWrites smallFiles) {
        this.record = record;
        this.staging = staging;
        this.smallFiles = smallFiles;
    }

    @Override
    public void entry(TarArchiveEntry entry, InputStream content) throws IOException {
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
            files++;
            bytes += Files.size(target);
        } else if (entry.getSize() <= FileWrites.SMALL_FILE) {
            byte[] whole = content.readNBytes((int) entry.getSize());
            smallFiles.write(target, whole, entry.getMode());
            files++;
            bytes += whole.length;
        } else {
            try (OutputStream out = FileWrites.create(target)) {
                for (int n; (n = content.read(buffer)) > 0; bytes += n) {
                    out.write(buffer, 0, n);
                }
            }
            FileWrites.seal(target, entry.getMode());
            files++;
        }
    }

    private void createDirectories(Path directory) throws IOException {
        if (directories.add(directory)) {
            Files.createDirectories(directory);
        }
    }

    /** Waits for the small files, then gives the directories their archive modes, deepest first. */
    void finish() throws IOException {
        smallFiles.await();
        for (Map.Entry<Path, Integer> directory : directoryModes.entrySet()) {
            Files.setPosixFilePermissions(directory.getKey(), Trees.permissions(directory.getValue()));
        }
    }

    int files() {
        return files;
    }

    long bytes() {
        return bytes;
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
