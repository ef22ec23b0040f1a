package io.drrunbooks.backup;

import io.drrunbooks.backup.gzip.ParallelGzipOutputStream;
import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/**
 * Writes one data set as a gzip'd POSIX tar with entries relative to the target root, the way
 * {@code tar -czf X -C root var/registry/} does, hashing every file as it streams into the archive
 * and the archive as it streams onto disk. This thread walks the tree and writes the tar stream, in order; small
 * files are read and hashed ahead on one pool ({@link ReadAhead}), blocks deflated on another, both shared by the
 * data sets written at the same time.
 */
final class ArchiveWriter {

    /** Enough blocks queued to keep every core busy while this thread reads the next files. */
    private static final int BLOCKS_IN_FLIGHT = 4 * Runtime.getRuntime().availableProcessors();
    private static final int TAR_BLOCK = 512;

    private final Path root;
    private final DataSet dataSet;
    private final byte[] buffer = new byte[64 * 1024];
    private final List<String> skipped = new ArrayList<>();
    private final ReadAhead readAhead;
    private final MessageDigest streamedFileDigest = Sha256.digest();
    private TarArchiveOutputStream tar;
    private FileSpool files;
    /** Null for an encrypted archive, whose member offsets would be of the plain text, useless to a reader. */
    private ArchiveMembers members;
    private int entries;
    /** The data set's directory, where a kept symlink must lead; null for a list of files. */
    private Path dataSetDirectory;
    /** The path being written, for the error message. */
    private String current;

    private ArchiveWriter(Path root, DataSet dataSet, Executor readers) {
        this.root = root;
        this.dataSet = dataSet;
        this.readAhead = new ReadAhead(readers, this::writeEntry);
    }

    /** The pools a set's archives share: small files are read ahead on one, blocks deflated on the other. */
    record Pools(Executor readers, ExecutorService compressors) {
    }

    /**
     * Writes the archive, or throws a {@link BackupException} naming the data set and the file that failed. The
     * {@code config} data set holds {@code .env}: its archive is readable by the owner only and, given a key,
     * encrypted ({@code config.tar.gz.enc}); the archive's size and sha256 are then those of the encrypted file.
     */
    static ArchiveRecord write(Path root, DataSet dataSet, Path archive, BackupOptions options, Pools pools) {
        ArchiveWriter writer = new ArchiveWriter(root, dataSet, pools.readers());
        writer.current = dataSet.paths().get(0);
        boolean secret = TargetLayout.CONFIG.equals(dataSet.name());
        try (FileSpool spool = new FileSpool(FileSpool.path(archive.getParent(), dataSet.name()))) {
            writer.files = spool;
            return writer.writeTo(archive, options, pools.compressors(), secret, secret ? options.encryptionKey() : null);
        } catch (IOException | RuntimeException e) {
            throw new BackupException("data set " + dataSet.name() + ", file " + writer.current + ": " + e, e);
        }
    }

    private ArchiveRecord writeTo(Path plainName, BackupOptions options, ExecutorService pool, boolean ownerOnly,
                                  ArchiveKey key) throws IOException {
        try (ArchiveFile archive = new ArchiveFile(plainName, ownerOnly, key)) {
            ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(archive.content(), options.compressionLevel(), pool,
                    BLOCKS_IN_FLIGHT);
            members = key == null ? new ArchiveMembers(gzip, options.memberBytes()) : null;
            // UTF-8 names as GNU tar writes them whatever the locale; the platform's charset (US-ASCII under the
            // POSIX locale) would also cost a new encoder per header field. Records of one block, not GNU tar's 20:
            // each header and each file's last block reach the gzip stream at once, where a member may start.
            tar = new TarArchiveOutputStream(gzip, TAR_BLOCK, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            if (dataSet.kind() == DataSet.Kind.DIRECTORY) {
                writeDirectoryDataSet();
            } else {
                writeFileList();
            }
            readAhead.drain();
            tar.close();
            files.close();
            String kind = dataSet.kind() == DataSet.Kind.DIRECTORY ? ArchiveRecord.DIRECTORY : ArchiveRecord.FILES;
            List<ArchiveMember> index = members == null || entries == 0 ? List.of() : members.index();
            return archive.finish(dataSet.name(), entries, files.list(), kind, dataSet.paths(), skipped, index);
        }
    }

    private void writeDirectoryDataSet() throws IOException {
        Path directory = root.resolve(dataSet.directory());
        if (!Files.isDirectory(directory, NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(directory.toString(), null, "the data set's directory is missing");
        }
        dataSetDirectory = directory;
        walk(directory, dataSet.directory());
    }

    private void writeFileList() throws IOException {
        for (String path : dataSet.paths()) {
            Path file = root.resolve(path);
            current = path;
            if (!Files.exists(file, NOFOLLOW_LINKS)) {
                skipped.add(path + ": missing");
            } else if (!Files.isRegularFile(file, NOFOLLOW_LINKS)) {
                skipped.add(path + ": not a regular file");
            } else {
                readAhead.add(file, path, FileMetadata.read(file));
            }
        }
    }

    /**
     * Hands the tree to the read-ahead in tar order (a directory, then its sorted children); {@code name} is
     * {@code path} relative to the root, built as the walk descends rather than computed per file.
     */
    private void walk(Path path, String name) throws IOException {
        current = name;
        FileMetadata attributes = FileMetadata.read(path);
        if (attributes.isDirectory()) {
            readAhead.add(path, name, attributes);
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.sorted().toList()) {
                    walk(child, name + "/" + child.getFileName());
                }
            }
        } else if (attributes.isRegularFile() || attributes.isSymbolicLink()) {
            readAhead.add(path, name, attributes);
        } else {
            skipped.add(name + ": not a file, directory or symlink (socket, FIFO or device)");
        }
    }

    private void writeEntry(ReadAhead.Entry walked) throws IOException {
        current = walked.name();
        FileMetadata attributes = walked.attributes();
        if (attributes.isDirectory()) {
            putEntry(new TarArchiveEntry(walked.name() + "/"), walked.path(), attributes);
            tar.closeArchiveEntry();
        } else if (attributes.isSymbolicLink()) {
            writeSymlinkIfInside(walked.path(), walked.name(), attributes);
        } else if (walked.content() != null) {
            ReadAhead.Content content = ReadAhead.content(walked);
            TarArchiveEntry entry = fileEntry(walked);
            tar.write(content.bytes());
            closeFile(entry, content.bytes().length, content.sha256());
        } else {
            streamFile(walked);
        }
    }

    /** A large file, copied in this thread: exactly the size the walk saw, growth since (a log) left out. */
    private void streamFile(ReadAhead.Entry walked) throws IOException {
        TarArchiveEntry entry = fileEntry(walked);
        long dataStart = members == null ? 0 : members.position();
        long size = walked.attributes().size();
        long copied = 0;
        try (InputStream in = Files.newInputStream(walked.path(), LinkOption.NOFOLLOW_LINKS)) {
            for (int n; copied < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied))) > 0; ) {
                if (members != null) {
                    members.inData(walked.name(), entries, files.count(), dataStart);
                }
                streamedFileDigest.update(buffer, 0, n);
                tar.write(buffer, 0, n);
                copied += n;
            }
        }
        if (copied != size) {
            throw new IOException(walked.name() + " shrank while being backed up (" + size + " bytes when listed, " + copied + " now)");
        }
        closeFile(entry, copied, Sha256.hex(streamedFileDigest));
    }

    private TarArchiveEntry fileEntry(ReadAhead.Entry walked) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(walked.name());
        entry.setSize(walked.attributes().size());
        putEntry(entry, walked.path(), walked.attributes());
        return entry;
    }

    private void closeFile(TarArchiveEntry entry, long size, String sha256) throws IOException {
        tar.closeArchiveEntry();
        files.add(new FileRecord(entry.getName(), size, FileRecord.octalDigits(entry.getMode()), sha256));
    }

    /** A symlink is only kept when it cannot lead a restore outside the data set. */
    private void writeSymlinkIfInside(Path link, String name, FileMetadata attributes) throws IOException {
        Path target = Files.readSymbolicLink(link);
        if (target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(dataSetDirectory)) {
            skipped.add(name + ": symlink to " + target + " leads outside the data set");
            return;
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target.toString());
        putEntry(entry, link, attributes);
        tar.closeArchiveEntry();
    }

    private void putEntry(TarArchiveEntry entry, Path path, FileMetadata attributes) throws IOException {
        entry.setMode(attributes.mode());
        // Whole seconds, as GNU tar's default format keeps them: a fraction would cost every entry a PAX header
        // (two more 512-byte records, and the slowest path of Commons Compress's writer).
        entry.setModTime(FileTime.from(attributes.modified().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        // Owners as GNU tar stores them, so a restore by hand as root gives files back to their owner.
        entry.setUserId(attributes.uid());
        entry.setGroupId(attributes.gid());
        entry.setUserName(attributes.userName(path));
        entry.setGroupName(attributes.groupName(path));
        // A PAX header keeps a non-ASCII name readable everywhere; asked for only when needed, since Commons
        // Compress checks every name with a new US-ASCII encoder, the most expensive part of a small file's entry.
        tar.setAddPaxHeadersForNonAsciiNames(!isAscii(entry.getName()) || !isAscii(entry.getLinkName()));
        if (members != null) {
            members.atHeader(entry.getName(), entries, files.count());
        }
        tar.putArchiveEntry(entry);
        entries++;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
