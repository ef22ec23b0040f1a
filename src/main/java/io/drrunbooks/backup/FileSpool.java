package io.drrunbooks.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file records of an archive being written, appended to a file in the set's partial directory as each file
 * enters the archive, so that a backup of a million files keeps none of them in memory; {@code manifest.json} is
 * written from it and it is deleted before the set is complete. Each record: the path's UTF-8 length and bytes,
 * size, mode, and the sha256's 64 hex digits.
 */
final class FileSpool implements AutoCloseable {

    private final Path file;
    private final DataOutputStream out;
    private int count;
    private long tarBytes;

    FileSpool(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
    }

    void add(FileRecord record) throws IOException {
        byte[] path = record.path().getBytes(StandardCharsets.UTF_8);
        out.writeInt(path.length);
        out.write(path);
        out.writeLong(record.size());
        out.writeInt(record.mode());
        out.write(record.sha256().getBytes(StandardCharsets.US_ASCII));
        count++;
        tarBytes += ArchiveLimits.tarBytes(record);
    }

    int count() {
        return count;
    }

    /** The records written so far; call after {@link #close}. */
    FileList list() {
        return new FileList(count, tarBytes, this::read);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void delete(Path setDirectory, String dataSet) throws IOException {
        Files.deleteIfExists(path(setDirectory, dataSet));
    }

    static Path path(Path setDirectory, String dataSet) {
        return setDirectory.resolve("." + dataSet + ".files");
    }

    private FileList.Cursor read() {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
        } catch (IOException e) {
            throw new BackupException("cannot read the file records spooled to " + file + ": " + e, e);
        }
        return new FileList.Cursor() {
            private int read;

            @Override
            public FileRecord next() {
                if (read == count) {
                    return null;
                }
                try {
                    byte[] path = new byte[in.readInt()];
                    in.readFully(path);
                    long size = in.readLong();
                    int mode = in.readInt();
                    byte[] sha256 = new byte[64];
                    in.readFully(sha256);
                    read++;
                    return new FileRecord(new String(path, StandardCharsets.UTF_8), size, mode,
                            new String(sha256, StandardCharsets.US_ASCII));
                } catch (EOFException e) {
                    throw new BackupException("the file records spooled to " + file + " end after " + read + " of " + count, e);
                } catch (IOException e) {
                    throw new BackupException("cannot read the file records spooled to " + file + ": " + e, e);
                }
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only: nothing was lost
                }
            }
        };
    }
}
