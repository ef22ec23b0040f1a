package io.drrunbooks.backup;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads an archive that has a member index on every core at once: the members are grouped into units that start at
 * an entry's header (a large file's members stay with the unit that starts it), and each unit is inflated, parsed
 * and handed to its own visitor on {@code pool}, with the slice of the manifest's file records it must hold, read in
 * order from the manifest as the units are handed out. The archive file is hashed whole on the pool meanwhile.
 * Each unit must hold exactly what the index says (bytes, entries, its first entry's name) and the last one is
 * bounded like a whole archive, so a wrong index fails the read like a damaged archive.
 */
final class MemberScanner {

    /** Members from {@code offset} to {@code end} of the file, tar stream from {@code tarOffset}. */
    record Unit(long offset, long end, long tarOffset, long tarEnd, long entries, long entriesEnd, long files,
                long filesEnd, String entry, boolean last) {
    }


    private final String setId;
    private final Path archive;
    private final ArchiveRecord record;
    private final ArchiveLimits limits;
    private final AtomicBoolean failed = new AtomicBoolean();

    private MemberScanner(String setId, Path archive, ArchiveRecord record, ArchiveLimits limits) {
        this.setId = setId;
        this.archive = archive;
        this.record = record;
        this.limits = limits;
    }

    static ArchiveDigest scan(String setId, Path archive, ArchiveRecord record, UnitVisitors visitors, Executor pool,
                              int unitsInFlight) {
        return new MemberScanner(setId, archive, record, ArchiveLimits.of(record)).scan(visitors, pool, unitsInFlight);
    }

    private ArchiveDigest scan(UnitVisitors visitors, Executor pool, int unitsInFlight) {
        ArchiveScanner whole = new ArchiveScanner(setId, archive, limits);
        List<Unit> units;
        try {
            units = units(java.nio.file.Files.size(archive));
        } catch (IOException e) {
            throw whole.unreadable(e);
        }
        CompletableFuture<String> sha256 = CompletableFuture.supplyAsync(this::hashFile, pool);
        Semaphore inFlight = new Semaphore(unitsInFlight);
        List<CompletableFuture<Integer>> read = new ArrayList<>();
        try (FileList.Cursor files = record.files().cursor()) {
            for (Unit unit : units) {
                List<FileRecord> slice = new ArrayList<>();
                for (long i = unit.files(); i < unit.filesEnd(); i++) {
                    FileRecord file = files.next();
                    if (file == null) {
                        throw whole.unreadable(new IOException("the member index counts more files than the manifest lists"));
                    }
                    slice.add(file);
                }
                inFlight.acquireUninterruptibly();
                if (failed.get()) {
                    inFlight.release();
                    break;
                }
                ArchiveVisitor visitor = visitors.forUnit(slice);
                read.add(CompletableFuture.supplyAsync(() -> read(unit, visitor), pool)
                        .whenComplete((entries, failure) -> {
                            failed.compareAndSet(false, failure != null);
                            inFlight.release();
                        }));
            }
        } finally {
            failed.compareAndSet(false, read.size() < units.size());
            CompletableFuture.allOf(read.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        }
        // the failure of the earliest unit that failed, not a unit skipped because of it
        read.stream().filter(unit -> unit.isCompletedExceptionally() && !skipped(unit)).findFirst().ifPresent(MemberScanner::join);
        int entries = 0;
        for (CompletableFuture<Integer> unit : read) {
            entries += join(unit);
        }
        return new ArchiveDigest(record.size(), join(sha256), entries);
    }

    /** A unit not read because another one had failed. */
    private static final class Skipped extends RuntimeException {
        Skipped() {
            super("not read: another part of the archive failed", null, false, false);
        }
    }

    private static boolean skipped(CompletableFuture<Integer> unit) {
        return unit.handle((entries, failure) -> failure instanceof CompletionException e && e.getCause() instanceof Skipped)
                .join();
    }

    private int read(Unit unit, ArchiveVisitor visitor) {
        if (failed.get()) {
            throw new Skipped();
        }
        ArchiveScanner scanner = new ArchiveScanner(setId, archive, limits);
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ);
             // closed, so its inflater's native memory goes now, not when a collection finds it
             GzipCompressorInputStream gzip = new GzipCompressorInputStream(
                     new BufferedInputStream(new RangeStream(channel, unit.offset(), unit.end()), 64 * 1024), true)) {
            long maxBytes = unit.tarEnd() - unit.tarOffset();
            CountingStream uncompressed = new CountingStream(gzip, maxBytes,
                    () -> scanner.refused("uncompressed, the archive runs past " + limits.maxBytes() + " bytes, more than "
                            + limits.basis() + " can take (decompression bomb?)"));
            int entries = scanner.readEntries(new TarArchiveInputStream(uncompressed), visitor,
                    unit.entriesEnd() - unit.entries(), unit.entry());
            uncompressed.transferTo(OutputStream.nullOutputStream());
            if (!unit.last() && (uncompressed.count() != maxBytes || entries != unit.entriesEnd() - unit.entries())) {
                throw new IOException("the member index says the members from byte " + unit.offset() + " hold " + maxBytes
                        + " bytes of tar and " + (unit.entriesEnd() - unit.entries()) + " entries; they hold "
                        + uncompressed.count() + " and " + entries);
            }
            return entries;
        } catch (ArchiveScanner.VisitorFailure e) {
            throw ArchiveScanner.visitorFailure(e);
        } catch (ArchiveRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw scanner.unreadable(e);
        }
    }

    /** The units the index describes, or why it does not describe this archive. */
    private List<Unit> units(long fileSize) throws IOException {
        List<ArchiveMember> members = record.members();
        ArchiveMember first = members.get(0);
        if (first.offset() != 0 || first.tarOffset() != 0 || first.entries() != 0 || first.files() != 0 || !first.startsAtHeader()) {
            throw new IOException("the member index does not start at the archive's start");
        }
        for (int i = 1; i < members.size(); i++) {
            ArchiveMember previous = members.get(i - 1);
            ArchiveMember member = members.get(i);
            if (member.offset() <= previous.offset() || member.offset() >= fileSize || member.tarOffset() <= previous.tarOffset()
                    || member.tarOffset() % 512 != 0 || member.tarOffset() >= limits.maxBytes()
                    || member.entries() < previous.entries() || member.entries() > record.entries()
                    || member.files() < previous.files() || member.files() > record.files().size()
                    || member.entry() == null) {
                throw new IOException("the member index is inconsistent at member " + i + " (" + member + ")");
            }
        }
        List<Unit> units = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= members.size(); i++) {
            if (i == members.size() || members.get(i).startsAtHeader()) {
                ArchiveMember from = members.get(start);
                boolean last = i == members.size();
                ArchiveMember to = last ? null : members.get(i);
                units.add(new Unit(from.offset(), last ? fileSize : to.offset(), from.tarOffset(),
                        last ? limits.maxBytes() : to.tarOffset(), from.entries(), last ? record.entries() : to.entries(),
                        from.files(), last ? record.files().size() : to.files(), from.entry(), last));
                start = i;
            }
        }
        return units;
    }

    private String hashFile() {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(java.nio.file.Files.newInputStream(archive), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return Sha256.hex(digest);
        } catch (IOException e) {
            throw new BackupException("set " + setId + ": cannot read archive " + archive.getFileName() + ": " + e, e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
