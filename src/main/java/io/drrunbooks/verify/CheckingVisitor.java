package io.drrunbooks.verify;

import io.drrunbooks.backup.ArchiveVisitor;
import io.drrunbooks.backup.FileList;
import io.drrunbooks.backup.FileRecord;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks each entry against the path rules before the wrapped visitor may see it, and each file's size and
 * sha256 against the manifest as soon as its content has streamed past; the first problem stops the pass
 * with a {@link Problem}. The manifest lists the files in archive order, so each file is checked against the next
 * record ({@code expected}): no lookup table, whatever the number of files.
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

    private final EntryRules rules;
    private final ArchiveVisitor consumer;
    private final FileList.Cursor expected;
    /** The record the entry whose content is being read must match. */
    private FileRecord current;

    /** @param expected the manifest's records of the files this pass must see, in order; closed by {@link #finish} */
    CheckingVisitor(EntryRules rules, FileList.Cursor expected, ArchiveVisitor consumer) {
        this.rules = rules;
        this.expected = expected;
        this.consumer = consumer;
    }

    @Override
    public void entry(TarArchiveEntry entry, InputStream content) throws IOException {
        Optional<String> problem = rules.problem(entry);
        if (problem.isPresent()) {
            throw new Problem(entry.getName(), problem.get(), true);
        }
        if (EntryRules.isRegularFile(entry)) {
            current = next(entry);
            checkHeader(entry, current);
        }
        consumer.entry(entry, content);
        if (entry.isLink()) {
            // a hard link restores as the file it names: its record must describe that file's content
            FileRecord link = next(entry);
            if (!Objects.equals(rules.fileContent(entry.getLinkName()), PathTable.fingerprint(link.size(), link.sha256()))) {
                throw new Problem(entry.getName(), "hard link to " + entry.getLinkName()
                        + ", whose content is not what the manifest says of the link");
            }
        }
    }

    @Override
    public void contentRead(TarArchiveEntry entry, long size, String sha256) throws IOException {
        if (EntryRules.isRegularFile(entry)) {
            rules.contentRead(EntryRules.path(entry), size, sha256);
            if (current.size() != size) {
                throw new Problem(entry.getName(), "size " + size + " bytes, manifest says " + current.size());
            }
            if (!current.sha256().equals(sha256)) {
                throw new Problem(entry.getName(), "sha256 " + sha256 + ", manifest says " + current.sha256());
            }
        }
        consumer.contentRead(entry, size, sha256);
    }

    /** After the last entry: every file the manifest declares must have been in the archive. */
    @Override
    public void end() throws IOException {
        consumer.end();
        try (expected) {
            FileRecord missing = expected.next();
            if (missing != null) {
                int more = 0;
                while (expected.next() != null) {
                    more++;
                }
                throw new Problem(missing.path(), "declared in the manifest but missing from the archive"
                        + (more > 0 ? " (and " + more + " more)" : ""));
            }
        }
    }

    /**
     * The manifest's record of the file {@code entry}, which must be the next one. When it is not, the rest of the
     * manifest says which side is wrong: a path listed further on means the files before it are missing from the
     * archive (unless its header is already wrong: a bomb is reported as one); one not listed is not declared.
     */
    private FileRecord next(TarArchiveEntry entry) {
        String path = entry.getName();
        FileRecord record = expected.next();
        if (record == null) {
            throw new Problem(path, "file not declared in the manifest");
        }
        if (record.path().equals(path)) {
            return record;
        }
        for (FileRecord later = expected.next(); later != null; later = expected.next()) {
            if (later.path().equals(path)) {
                if (EntryRules.isRegularFile(entry)) {
                    checkHeader(entry, later);
                }
                throw new Problem(record.path(), "declared in the manifest but missing from the archive");
            }
        }
        throw new Problem(path, "file not declared in the manifest");
    }

    /**
     * A file's size is in its tar header: one bigger than the manifest's is refused before the consumer reads a
     * byte of it, so a bomb's many MiB of zeros never reach staging.
     */
    private static void checkHeader(TarArchiveEntry entry, FileRecord declared) {
        if (entry.getSize() != declared.size()) {
            throw new Problem(entry.getName(), "size " + entry.getSize() + " bytes in its tar header, manifest says "
                    + declared.size() + " (refused before reading it)");
        }
    }
}
