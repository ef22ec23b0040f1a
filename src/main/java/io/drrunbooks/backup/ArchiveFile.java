package io.drrunbooks.backup;

import io.drrunbooks.backup.crypto.ChunkedGcm;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * An archive file being written: created owner-only when it holds secrets, hashed as stored, and, given a key,
 * encrypted before it is stored ({@code <name>.enc}), so its size and sha256 are those of the file on disk.
 */
final class ArchiveFile implements Closeable {

    static final String ENCRYPTED_SUFFIX = ".enc";
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    private final FileChannel channel;
    private final MessageDigest digest = Sha256.digest();
    private final ArchiveKey key;
    private final OutputStream content;

    /** @param key encrypts the archive, or null */
    ArchiveFile(Path plainName, boolean ownerOnly, ArchiveKey key) throws IOException {
        this.key = key;
        this.file = key == null ? plainName : plainName.resolveSibling(plainName.getFileName() + ENCRYPTED_SUFFIX);
        this.channel = FileChannel.open(file, Set.of(CREATE_NEW, WRITE),
                ownerOnly ? new FileAttribute<?>[]{OWNER_ONLY} : new FileAttribute<?>[0]);
        OutputStream stored = new DigestOutputStream(new KeepOpenStream(channel), digest);
        this.content = key == null ? stored : ChunkedGcm.encrypt(stored, key.secretKey());
    }

    /** Where the gzip stream goes; closing what wraps it must leave it open for {@link #finish()}. */
    OutputStream content() {
        return content;
    }

    /** Seals the last chunk of an encrypted archive and makes the file durable; returns what its record says. */
    ArchiveRecord finish(String dataSet, int entries, FileList files, String kind, List<String> paths,
                         List<String> skipped, List<ArchiveMember> members) throws IOException {
        // The gzip stream leaves what it writes to open: closing it here seals an encrypted archive's last chunk and
        // waits for the background fsync, whose failure must fail the archive (KeepOpenStream says why).
        content.close();
        channel.force(true);
        ArchiveEncryption encryption = key == null ? null
                : new ArchiveEncryption(ChunkedGcm.ALGORITHM, ChunkedGcm.CHUNK_BYTES, key.id());
        return new ArchiveRecord(dataSet, file.getFileName().toString(), channel.size(), Sha256.hex(digest), entries,
                files, kind, paths, skipped, encryption, members);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
