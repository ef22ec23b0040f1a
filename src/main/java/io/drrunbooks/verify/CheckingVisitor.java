package io.drrunbooks.verify;

import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.ArchiveVisitor;
import io.drrunbooks.backup.FileRecord;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks each entry against the path rules before the wrapped visitor may see it, and each file's size and
 * sha256 against the manifest as soon as its content has streamed past; the first problem stops the pass
 * with a {@link Problem}.
 */
final class CheckingVisitor implements ArchiveVisitor {

    /** Ends a pass at the first problem; carries the entry, what is wrong with it, and whether the path rules refused it. */
    static final class Problem extends RuntimeException {
        final String entry;
        final boolean hostile;

        Problem(String entry, String message) {
            this(entry, message, false);
        }

        Problem(String entry, String message, boolean hostile) {
            super(message, null, false, false);
            this.entry = entry;
            this.hostile = hostile;
        }
    }

    private final ArchiveRecord record;
    private final ArchiveVisitor consumer;
    private final EntryRules rules;
    private final Set<String> undeclared;
    /** The manifest's files by path: a state data set declares ~100,000, too many to search one by one. */
    private final Map<String, FileRecord> declared = new HashMap<>();
    /** Content of every file seen, so a hard link can be checked as the file it names. */
    private final Map<String, FileRecord> actual = new HashMap<>();

    CheckingVisitor(ArchiveRecord record, ArchiveVisitor consumer) {
        this.record = record;
        this.consumer = consumer;
        this.rules = new EntryRules(record);
        this.undeclared = new LinkedHashSet<>(record.files().stream().map(FileRecord::path).toList());
        record.files().forEach(file -> declared.putIfAbsent(file.path(), file));
    }

    @Override
    public void entry(TarArchiveEntry entry, InputStream content) throws IOException {
        Optional<String> problem = rules.problem(entry);
        if (problem.isPresent()) {
            throw new Problem(entry.getName(), problem.get(), true);
        }
        if (EntryRules.isRegularFile(entry)) {
            checkHeader(entry);
        }
        consumer.entry(entry, content);
        if (entry.isLink()) {
            FileRecord target = actual.get(entry.getLinkName());
            check(entry.getName(), target.size(), target.sha256());
        }
    }

    @Override
    public void contentRead(TarArchiveEntry entry, long size, String sha256) throws IOException {
        if (EntryRules.isRegularFile(entry)) {
            actual.put(entry.getName(), new FileRecord(entry.getName(), size, 0, sha256));
            check(entry.getName(), size, sha256);
        }
        consumer.contentRead(entry, size, sha256);
    }

    /** Called after the last entry: every file the manifest declares must have been in the archive. */
    void finish() {
        if (!undeclared.isEmpty()) {
            throw new Problem(undeclared.iterator().next(), "declared in the manifest but missing from the archive"
                    + (undeclared.size() > 1 ? " (and " + (undeclared.size() - 1) + " more)" : ""));
        }
    }

    /**
     * A file's size is in its tar header: one bigger than the manifest's is refused before the consumer reads a
     * byte of it, so a bomb's many MiB of zeros never reach staging.
     */
    private void checkHeader(TarArchiveEntry entry) {
        FileRecord expected = declared.get(entry.getName());
        if (expected == null) {
            throw new Problem(entry.getName(), "file not declared in the manifest");
        }
        if (entry.getSize() != expected.size()) {
            throw new Problem(entry.getName(), "size " + entry.getSize() + " bytes in its tar header, manifest says "
                    + expected.size() + " (refused before reading it)");
        }
    }

    private void check(String path, long size, String sha256) {
        FileRecord expected = declared.get(path);
        if (expected == null) {
            throw new Problem(path, "file not declared in the manifest");
        }
        if (expected.size() != size) {
            throw new Problem(path, "size " + size + " bytes, manifest says " + expected.size());
        }
        if (!expected.sha256().equals(sha256)) {
            throw new Problem(path, "sha256 " + sha256 + ", manifest says " + expected.sha256());
        }
        undeclared.remove(path);
    }
}
