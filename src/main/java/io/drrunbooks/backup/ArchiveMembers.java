package io.drrunbooks.backup;

import io.drrunbooks.backup.gzip.ParallelGzipOutputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an archive's gzip stream into members while the tar stream is written, and builds the member index
 * ({@link ArchiveMember}): at the first entry header or 512-byte block of file data once the member holds
 * {@link #targetBytes} of tar stream. Smaller members would spread a restore over the cores more evenly, larger ones
 * cost less in size (each starts without the previous 32 KiB to refer back to); measured in README, "Performance".
 */
final class ArchiveMembers {

    static final long TARGET_BYTES = 2L << 20;
    private static final int BLOCK = 512;

    private final ParallelGzipOutputStream gzip;
    private final long targetBytes;
    /** The index without the offsets, which the gzip stream knows once it has written each member's header. */
    private final List<ArchiveMember> started = new ArrayList<>();

    ArchiveMembers(ParallelGzipOutputStream gzip, long targetBytes) {
        this.gzip = gzip;
        this.targetBytes = targetBytes;
    }

    /**
     * Before an entry's header: starts a member here if the current one is full.
     *
     * @param entries the entries written before it
     * @param files   the file records written before it
     */
    void atHeader(String entry, long entries, long files) throws IOException {
        if (started.isEmpty() || gzip.memberBytes() >= targetBytes) {
            start(new ArchiveMember(-1, gzip.uncompressedBytes(), entries, files, entry, null));
        }
    }

    /** Where the tar stream is: what reached the gzip stream, always whole blocks (the tar's block buffer keeps the rest). */
    long position() {
        return gzip.uncompressedBytes();
    }

    /**
     * Inside a file's data, which began at {@code dataStart} of the tar stream: starts a member here if the current
     * one is full. What the tar stream still buffers of the file goes into the new member.
     */
    void inData(String entry, long entries, long files, long dataStart) throws IOException {
        if (gzip.memberBytes() >= targetBytes && position() % BLOCK == 0 && position() > dataStart) {
            start(new ArchiveMember(-1, position(), entries, files, entry, position() - dataStart));
        }
    }

    private void start(ArchiveMember member) throws IOException {
        if (!started.isEmpty()) {
            gzip.endMember();
        }
        started.add(member);
    }

    /** The index, once the gzip stream is closed; empty for an archive without entries. */
    List<ArchiveMember> index() {
        List<Long> offsets = gzip.memberOffsets();
        if (offsets.size() != Math.max(1, started.size())) {
            throw new IllegalStateException(offsets.size() + " gzip members written, " + started.size() + " started");
        }
        List<ArchiveMember> index = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            ArchiveMember member = started.get(i);
            index.add(new ArchiveMember(offsets.get(i), member.tarOffset(), member.entries(), member.files(), member.entry(),
                    member.within()));
        }
        return index;
    }
}
