package io.drrunbooks.verify;

import io.drrunbooks.backup.ArchiveDigest;
import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.ArchiveRefusedException;
import io.drrunbooks.backup.ArchiveVisitor;
import io.drrunbooks.backup.BackupException;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.FileList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Verifies backup sets against their manifests. See {@code package-info.java}. */
public final class SetVerifier {

    private static final ArchiveVisitor NOTHING_MORE = (entry, content) -> { };

    public SetVerifier() {
    }

    /** Every archive of the set. */
    public Verification verify(BackupSet set) {
        return verify(set, set.dataSets());
    }

    /**
     * The archives of the named data sets; the first problem found, or ok. Each archive is read once; only when
     * something is wrong are the archive files hashed again, so that a damaged archive anywhere in the list is
     * reported as such rather than as the odd entry its damage produced.
     */
    public Verification verify(BackupSet set, Collection<String> dataSets) {
        for (String dataSet : dataSets) {
            Verification verification = verifyInOnePass(set, dataSet, NOTHING_MORE);
            if (!verification.ok()) {
                return dataSets.stream().map(each -> verifyArchiveFile(set, each)).filter(v -> !v.ok()).findFirst()
                        .orElse(verification);
            }
        }
        return Verification.ok(set.id());
    }

    /**
     * Verifies one data set's archive (size, then one pass that hashes the archive and checks its entries) and
     * hands every entry that passed the path rules to {@code consumer}; a restore extracts with it, so nothing
     * unchecked is ever written. A file's content, and the archive's checksum, are only known after the consumer
     * saw it: the consumer must write somewhere it can throw away.
     */
    public Verification verify(BackupSet set, String dataSet, ArchiveVisitor consumer) {
        Verification verification = verifyInOnePass(set, dataSet, consumer);
        if (verification.ok()) {
            return verification;
        }
        Verification archive = verifyArchiveFile(set, dataSet);
        return archive.ok() ? verification : archive;
    }

    private Verification verifyInOnePass(BackupSet set, String dataSet, ArchiveVisitor consumer) {
        Verification size = verifyArchiveSize(set, dataSet);
        if (!size.ok()) {
            return size;
        }
        return set.lacksKey(dataSet) ? verifyWithoutKey(set, dataSet) : verifyEntries(set, dataSet, consumer);
    }

    /** Without the key only the archive file itself can be checked; its files stay unchecked, and that is a failure. */
    private Verification verifyWithoutKey(BackupSet set, String dataSet) {
        Verification archive = verifyArchiveFile(set, dataSet);
        if (!archive.ok()) {
            return archive;
        }
        ArchiveRecord record = set.archiveRecord(dataSet).orElseThrow();
        return Verification.failed(set.id(), record.file(), null, "encrypted (" + record.encryption().algorithm()
                + ", key " + record.encryption().keyId() + "): its size and sha256 match the manifest, but its files cannot"
                + " be checked or restored without the key (dr.backup.encryption-key-file, --key-file)");
    }

    private Verification verifyArchiveFile(BackupSet set, String dataSet) {
        Verification size = verifyArchiveSize(set, dataSet);
        if (!size.ok()) {
            return size;
        }
        ArchiveRecord record = set.archiveRecord(dataSet).orElseThrow();
        String sha256 = set.archiveSha256(dataSet);
        return checksum(set, record, sha256);
    }

    private static Verification checksum(BackupSet set, ArchiveRecord record, String sha256) {
        return sha256.equals(record.sha256()) ? Verification.ok(set.id()) : Verification.failed(set.id(), record.file(),
                null, "sha256 " + sha256 + ", manifest says " + record.sha256() + " (archive altered or damaged)");
    }

    private Verification verifyArchiveSize(BackupSet set, String dataSet) {
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
        return Verification.ok(set.id());
    }

    /**
     * As {@link #verify(BackupSet, String, ArchiveVisitor)}, with the parts of an archive that has a member index
     * read at the same time on {@code pool} ({@link BackupSet#scanInParallel}), each part handed to a consumer of its
     * own ({@code consumerParts}, asked in archive order); they run on several threads at once and must create
     * symlinks only after the last part (no entry may be written through one). An archive without the index is read
     * in one pass, by one consumer.
     */
    public Verification verifyInParallel(BackupSet set, String dataSet, Supplier<ArchiveVisitor> consumerParts,
                                         Executor pool, int parts) {
        if (!set.hasMemberIndex(dataSet)) {
            return verify(set, dataSet, consumerParts.get());
        }
        Verification size = verifyArchiveSize(set, dataSet);
        if (!size.ok()) {
            return size;
        }
        ArchiveRecord record = set.archiveRecord(dataSet).orElseThrow();
        EntryRules rules = new EntryRules(record, true);
        Verification verification = outcome(set, record, () -> set.scanInParallel(dataSet,
                files -> new CheckingVisitor(rules, FileList.of(files).cursor(), consumerParts.get()), pool, parts));
        if (verification.ok()) {
            return verification;
        }
        Verification archive = verifyArchiveFile(set, dataSet);
        return archive.ok() ? verification : archive;
    }

    private Verification verifyEntries(BackupSet set, String dataSet, ArchiveVisitor consumer) {
        ArchiveRecord record = set.archiveRecord(dataSet).orElseThrow();
        try (FileList.Cursor files = record.files().cursor()) {
            return outcome(set, record, () -> set.scan(dataSet, new CheckingVisitor(new EntryRules(record, false), files, consumer)));
        }
    }

    /** The verification a pass over an archive comes to: its checksum and entry count, or the problem that stopped it. */
    private static Verification outcome(BackupSet set, ArchiveRecord record, Supplier<ArchiveDigest> pass) {
        try {
            ArchiveDigest digest = pass.get();
            if (!checksum(set, record, digest.sha256()).ok()) {
                return checksum(set, record, digest.sha256());
            }
            if (digest.entries() != record.entries()) {
                return Verification.failed(set.id(), record.file(), null,
                        digest.entries() + " entries, manifest says " + record.entries());
            }
            return Verification.ok(set.id());
        } catch (CheckingVisitor.Problem problem) {
            return problem.hostile ? Verification.refused(set.id(), record.file(), problem.entry, problem.getMessage())
                    : Verification.failed(set.id(), record.file(), problem.entry, problem.getMessage());
        } catch (ArchiveRefusedException bomb) {
            // more bytes or entries than the manifest lists: an attack on the restoring machine, not wear
            return Verification.refused(set.id(), record.file(), bomb.entry(), bomb.problem());
        } catch (BackupException unreadable) {
            return Verification.failed(set.id(), record.file(), null, unreadable.getMessage());
        }
    }
}
