package io.drrunbooks.verify;

import io.drrunbooks.backup.ArchiveDigest;
import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.ArchiveVisitor;
import io.drrunbooks.backup.BackupException;
import io.drrunbooks.backup.BackupSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/** Verifies backup sets against their manifests. See {@code package-info.java}. */
public final class SetVerifier {

    private static final ArchiveVisitor NOTHING_MORE = (entry, content) -> { };

    public SetVerifier() {
    }

    /** Every archive of the set. */
    public Verification verify(BackupSet set) {
        return verify(set, set.dataSets());
    }

    /** The archives of the named data sets; the first problem found, or ok. */
    public Verification verify(BackupSet set, Collection<String> dataSets) {
        for (String dataSet : dataSets) {
            Verification archive = verifyArchiveFile(set, dataSet);
            if (!archive.ok()) {
                return archive;
            }
        }
        for (String dataSet : dataSets) {
            Verification entries = verifyEntries(set, dataSet, NOTHING_MORE);
            if (!entries.ok()) {
                return entries;
            }
        }
        return Verification.ok(set.id());
    }

    /**
     * Verifies one data set's archive (file first, then entries) in a pass that also hands every entry
     * that passed the path rules to {@code consumer}; a restore extracts with it, so nothing unchecked is
     * ever written. A file's content reaches the consumer before its checksum is known: the consumer must
     * write somewhere it can throw away.
     */
    public Verification verify(BackupSet set, String dataSet, ArchiveVisitor consumer) {
        Verification archive = verifyArchiveFile(set, dataSet);
        return archive.ok() ? verifyEntries(set, dataSet, consumer) : archive;
    }

    private Verification verifyArchiveFile(BackupSet set, String dataSet) {
        Optional<ArchiveRecord> record = set.archiveRecord(dataSet);
        if (record.isEmpty()) {
            return Verification.failed(set.id(), dataSet + ".tar.gz", null, "the set has no archive for data set " + dataSet);
        }
        Path archive = set.archive(dataSet);
        String file = record.get().file();
        try {
            if (!Files.isRegularFile(archive)) {
                return Verification.failed(set.id(), file, null, "archive missing from " + set.directory());
            }
            long size = Files.size(archive);
            if (size != record.get().size()) {
                return Verification.failed(set.id(), file, null, "size " + size + " bytes, manifest says "
                        + record.get().size() + (size < record.get().size() ? " (truncated)" : ""));
            }
        } catch (IOException e) {
            return Verification.failed(set.id(), file, null, "cannot read: " + e);
        }
        String sha256 = set.archiveSha256(dataSet);
        if (!sha256.equals(record.get().sha256())) {
            return Verification.failed(set.id(), file, null,
                    "sha256 " + sha256 + ", manifest says " + record.get().sha256() + " (archive altered or damaged)");
        }
        return Verification.ok(set.id());
    }

    private Verification verifyEntries(BackupSet set, String dataSet, ArchiveVisitor consumer) {
        ArchiveRecord record = set.archiveRecord(dataSet).orElseThrow();
        CheckingVisitor checking = new CheckingVisitor(record, consumer);
        try {
            ArchiveDigest digest = set.scan(dataSet, checking);
            checking.finish();
            if (!digest.sha256().equals(record.sha256())) {
                return Verification.failed(set.id(), record.file(), null, "archive changed while it was being read");
            }
            if (digest.entries() != record.entries()) {
                return Verification.failed(set.id(), record.file(), null,
                        digest.entries() + " entries, manifest says " + record.entries());
            }
            return Verification.ok(set.id());
        } catch (CheckingVisitor.Problem problem) {
            return Verification.failed(set.id(), record.file(), problem.entry, problem.getMessage());
        } catch (BackupException unreadable) {
            return Verification.failed(set.id(), record.file(), null, unreadable.getMessage());
        }
    }
}
