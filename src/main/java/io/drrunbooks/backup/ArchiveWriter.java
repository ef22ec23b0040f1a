package io.drrunbooks.backup;

import io.drrunbooks.target.DataSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Writes one data set as a gzip'd POSIX tar with entries relative to the target root, the way
 * {@code tar -czf X -C root var/registry/} does, hashing every file as it streams into the archive
 * and the archive as it streams onto disk.
 */
final class ArchiveWriter {

    private final Path root;
    private final DataSet dataSet;
    private final List<FileRecord> files = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private TarArchiveOutputStream tar;
    private int entries;
    /** The path being written, for the error message. */
    private String current;

    private ArchiveWriter(Path root, DataSet dataSet) {
        this.root = root;
        this.dataSet = dataSet;
    }

    /** Writes the archive, or throws a {@link BackupException} naming the data set and the file that failed. */
    static ArchiveRecord write(Path root, DataSet dataSet, Path archive) {
        ArchiveWriter writer = new ArchiveWriter(root, dataSet);
        writer.current = dataSet.paths().get(0);
        try {
            return writer.writeTo(archive);
        } catch (IOException | RuntimeException e) {
            throw new BackupException("data set " + dataSet.name() + ", file " + writer.current + ": " + e, e);
        }
    }

    private ArchiveRecord writeTo(Path archive) throws IOException {
        MessageDigest archiveDigest = Sha256.digest();
        try (FileChannel channel = FileChannel.open(archive, CREATE_NEW, WRITE)) {
            DigestOutputStream hashed = new DigestOutputStream(new KeepOpen(Channels.newOutputStream(channel)), archiveDigest);
            tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(hashed));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            if (dataSet.kind() == DataSet.Kind.DIRECTORY) {
                writeDirectoryDataSet();
            } else {
                writeFileList();
            }
            tar.close();
            channel.force(true);
            long size = channel.size();
            String kind = dataSet.kind() == DataSet.Kind.DIRECTORY ? ArchiveRecord.DIRECTORY : ArchiveRecord.FILES;
            return new ArchiveRecord(dataSet.name(), archive.getFileName().toString(), size,
                    Sha256.hex(archiveDigest), entries, files, kind, dataSet.paths(), skipped);
        }
    }

    private void writeDirectoryDataSet() throws IOException {
        Path directory = root.resolve(dataSet.directory());
        if (!Files.isDirectory(directory, NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(directory.toString(), null, "the data set's directory is missing");
        }
        writeTree(directory, directory);
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
                writeFile(file, path, attributes(file));
            }
        }
    }

    private void writeTree(Path path, Path dataSetDirectory) throws IOException {
        String name = root.relativize(path).toString().replace('\\', '/');
        current = name;
        PosixFileAttributes attributes = attributes(path);
        if (attributes.isDirectory()) {
            putEntry(new TarArchiveEntry(name + "/"), path, attributes, TarArchiveEntry.DEFAULT_DIR_MODE & ~07777);
            tar.closeArchiveEntry();
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.sorted().toList()) {
                    writeTree(child, dataSetDirectory);
                }
            }
        } else if (attributes.isRegularFile()) {
            writeFile(path, name, attributes);
        } else if (attributes.isSymbolicLink()) {
            writeSymlinkIfInside(path, name, attributes, dataSetDirectory);
        } else {
            skipped.add(name + ": not a file, directory or symlink (socket, FIFO or device)");
        }
    }

    private void writeFile(Path file, String name, PosixFileAttributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(attributes.size());
        putEntry(entry, file, attributes, TarArchiveEntry.DEFAULT_FILE_MODE & ~07777);
        MessageDigest digest = Sha256.digest();
        long copied = 0;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0 && copied + n <= attributes.size(); copied += n) {
                digest.update(buffer, 0, n);
                tar.write(buffer, 0, n);
            }
        }
        if (copied != attributes.size()) {
            throw new IOException(name + " changed size while being backed up (expected " + attributes.size() + " bytes)");
        }
        tar.closeArchiveEntry();
        files.add(new FileRecord(name, copied, FileRecord.octalDigits(entry.getMode()), Sha256.hex(digest)));
    }

    /** A symlink is only kept when it cannot lead a restore outside the data set. */
    private void writeSymlinkIfInside(Path link, String name, PosixFileAttributes attributes, Path dataSetDirectory)
            throws IOException {
        Path target = Files.readSymbolicLink(link);
        if (target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(dataSetDirectory)) {
            skipped.add(name + ": symlink to " + target + " leads outside the data set");
            return;
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target.toString());
        putEntry(entry, link, attributes, 0120000);
        tar.closeArchiveEntry();
    }

    private void putEntry(TarArchiveEntry entry, Path path, PosixFileAttributes attributes, int typeBits)
            throws IOException {
        entry.setMode(typeBits | ((Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW_LINKS) & 07777));
        entry.setModTime(attributes.lastModifiedTime());
        // Owners as GNU tar stores them, so a restore by hand as root gives files back to their owner.
        entry.setUserId(((Number) Files.getAttribute(path, "unix:uid", NOFOLLOW_LINKS)).longValue());
        entry.setGroupId(((Number) Files.getAttribute(path, "unix:gid", NOFOLLOW_LINKS)).longValue());
        entry.setUserName(attributes.owner().getName());
        entry.setGroupName(attributes.group().getName());
        tar.putArchiveEntry(entry);
        entries++;
    }

    /** Lets closing the tar stream finish and flush the whole stack while the channel stays open to be fsynced. */
    private static final class KeepOpen extends BufferedOutputStream {
        KeepOpen(OutputStream channel) {
            super(channel, 64 * 1024);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW_LINKS);
    }
}
