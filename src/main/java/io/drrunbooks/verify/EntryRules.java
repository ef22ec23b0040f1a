package io.drrunbooks.verify;

import io.drrunbooks.backup.ArchiveRecord;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, entry by entry, whether extracting an archive could put anything outside its data set: no absolute
 * paths, no {@code .} or {@code ..}, nothing outside the data set's directory (or besides its files), no link
 * leading out, nothing written through a symlink, no devices or FIFOs, no entry twice. The rules see the entries
 * in archive order, which is the order an extractor creates them in; the parts of an archive read in parallel
 * share one instance ({@code inParallel}), where an extractor creates symlinks only once every part is written (so
 * nothing is written through one) and a hard link, which this product never writes, is refused.
 */
final class EntryRules {

    private final ArchiveRecord record;
    private final boolean inParallel;
    /** Every path seen, with a regular file's content fingerprint: a million of them in a bounded heap. */
    private final PathTable seen = new PathTable();
    private final Set<String> symlinks = ConcurrentHashMap.newKeySet();

    EntryRules(ArchiveRecord record, boolean inParallel) {
        this.record = record;
        this.inParallel = inParallel;
    }

    /** Records a regular file's content once it is read, for the hard links to it. */
    void contentRead(String path, long size, String sha256) {
        seen.set(path, PathTable.fingerprint(size, sha256));
    }

    /** The content fingerprint of the regular file at {@code path} seen earlier, or null when there is none. */
    Long fileContent(String path) {
        Long value = seen.get(withoutTrailingSlash(path));
        return value == null || value == PathTable.NOT_A_FILE ? null : value;
    }

    /** The value of a regular file whose content is still being read. */
    private static final long PENDING_CONTENT = 1;

    static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG)
                && !entry.isDirectory();
    }

    /** The entry's path without a trailing slash. */
    static String path(TarArchiveEntry entry) {
        return withoutTrailingSlash(entry.getName());
    }

    private static String withoutTrailingSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** Why the entry must not be extracted, or empty when it is safe. */
    Optional<String> problem(TarArchiveEntry entry) {
        String path = path(entry);
        Optional<String> problem = unsafePath(path).or(() -> unsafeType(entry, path));
        if (problem.isPresent()) {
            return problem;
        }
        // a file's fingerprint comes when its content has been read; until then it counts as a file to link to
        if (!seen.add(path, isRegularFile(entry) ? PENDING_CONTENT : PathTable.NOT_A_FILE)) {
            return Optional.of("duplicate entry: the archive holds this path twice");
        }
        if (entry.isSymbolicLink()) {
            symlinks.add(path);
        }
        return Optional.empty();
    }

    private Optional<String> unsafePath(String path) {
        if (path.startsWith("/")) {
            return Optional.of("absolute path");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty() || component.equals(".") || component.equals("..")) {
                return Optional.of("path with an empty, '.' or '..' component");
            }
        }
        if (record.insideDataSet(path).isEmpty()) {
            return Optional.of("outside the data set (" + String.join(", ", record.paths()) + ")");
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (symlinks.contains(path.substring(0, slash))) {
                return Optional.of("written through the symlink " + path.substring(0, slash));
            }
        }
        return Optional.empty();
    }

    private Optional<String> unsafeType(TarArchiveEntry entry, String path) {
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            return Optional.of("device or FIFO entry");
        }
        if (entry.isSymbolicLink()) {
            String target = resolve(parent(path), entry.getLinkName());
            return target != null && record.isDirectory() && record.insideDataSet(target).isPresent()
                    ? Optional.empty() : Optional.of("symlink to " + entry.getLinkName() + " leads outside the data set");
        }
        if (entry.isLink()) {
            if (inParallel) {
                return Optional.of("hard link in an archive with a member index, which this product never writes");
            }
            String target = withoutTrailingSlash(entry.getLinkName());
            Long content = seen.get(target);
            if (unsafePath(target).isPresent() || content == null || content == PathTable.NOT_A_FILE) {
                return Optional.of("hard link to " + entry.getLinkName() + " is not a file earlier in the data set");
            }
            return Optional.empty();
        }
        if (!entry.isDirectory() && !isRegularFile(entry)) {
            return Optional.of("unsupported entry type '" + (char) entry.getLinkFlag() + "'");
        }
        if (entry.isDirectory() && !record.isDirectory()) {
            return Optional.of("a directory in a data set of files");
        }
        if (record.isDirectory() && path.equals(record.paths().get(0)) && !entry.isDirectory()) {
            return Optional.of("the data set's own directory is not a directory entry");
        }
        return Optional.empty();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** {@code target} read relative to {@code directory}, or null when it is absolute or climbs above the root. */
    private static String resolve(String directory, String target) {
        if (target.startsWith("/")) {
            return null;
        }
        Deque<String> components = new ArrayDeque<>();
        for (String component : (directory + "/" + target).split("/")) {
            if (component.equals("..")) {
                if (components.pollLast() == null) {
                    return null;
                }
            } else if (!component.isEmpty() && !component.equals(".")) {
                components.addLast(component);
            }
        }
        return String.join("/", components);
    }
}
