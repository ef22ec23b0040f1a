package io.drrunbooks.backup;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The regular files of an archive as its manifest lists them, in archive order, read one at a time: a data set of
 * a million files is never held in memory (a file record as objects takes ~500 bytes). The records come from
 * {@code manifest.json} itself, from the spool a backup writes them to, or from a list (small sets, tests).
 * {@link #tarBytes()} bounds what the files can take in a tar stream, for {@link ArchiveLimits}.
 */
public final class FileList implements Iterable<FileRecord> {

    /** Reads the records in order; {@link #next} returns null after the last. Failures are {@link BackupException}s. */
    public interface Cursor extends Closeable {
        FileRecord next();

        @Override
        void close();
    }

    /** Opens a new cursor at the first record. */
    interface Source {
        Cursor open();
    }

    private final int size;
    private final long tarBytes;
    private final Source source;

    FileList(int size, long tarBytes, Source source) {
        this.size = size;
        this.tarBytes = tarBytes;
        this.source = source;
    }

    public static FileList of(List<FileRecord> files) {
        List<FileRecord> copy = List.copyOf(files);
        long tarBytes = copy.stream().mapToLong(ArchiveLimits::tarBytes).sum();
        return new FileList(copy.size(), tarBytes, () -> new Cursor() {
            private int next;

            @Override
            public FileRecord next() {
                return next < copy.size() ? copy.get(next++) : null;
            }

            @Override
            public void close() {
            }
        });
    }

    public int size() {
        return size;
    }

    /** What the files take in a tar stream at most: content in whole blocks, a header and an extended header each. */
    public long tarBytes() {
        return tarBytes;
    }

    public Cursor cursor() {
        return source.open();
    }

    /** The record of {@code path}, found by reading the list through. */
    public Optional<FileRecord> find(String path) {
        try (Cursor cursor = cursor()) {
            for (FileRecord file = cursor.next(); file != null; file = cursor.next()) {
                if (file.path().equals(path)) {
                    return Optional.of(file);
                }
            }
            return Optional.empty();
        }
    }

    /** Every record in order; the stream must be closed, or read to its end. */
    public Stream<FileRecord> stream() {
        Cursor cursor = cursor();
        return StreamSupport.stream(Spliterators.spliterator(iterator(cursor), size, Spliterator.ORDERED), false)
                .onClose(cursor::close);
    }

    /** Lists are equal when they hold the same records in the same order (read through, both of them). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FileList list) || list.size != size || list.tarBytes != tarBytes) {
            return false;
        }
        try (Cursor mine = cursor(); Cursor theirs = list.cursor()) {
            for (FileRecord record = mine.next(); record != null; record = mine.next()) {
                if (!record.equals(theirs.next())) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tarBytes) * 31 + size;
    }

    @Override
    public String toString() {
        return size + " files";
    }

    /** Reads to the end, where it closes its cursor; for loops that always finish (small lists, tests). */
    @Override
    public Iterator<FileRecord> iterator() {
        return iterator(cursor());
    }

    private static Iterator<FileRecord> iterator(Cursor cursor) {
        return new Iterator<>() {
            private FileRecord next = advance();

            private FileRecord advance() {
                FileRecord record = cursor.next();
                if (record == null) {
                    cursor.close();
                }
                return record;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public FileRecord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                FileRecord current = next;
                next = advance();
                return current;
            }
        };
    }
}
