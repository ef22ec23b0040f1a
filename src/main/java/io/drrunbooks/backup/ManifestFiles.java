package io.drrunbooks.backup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The records of one archive, read again from where its {@code files} array starts in manifest.json. */
final class ManifestFiles implements FileList.Cursor {
    private final Path file;
    private final int count;
    private final JsonParser json;
    private int read;

    ManifestFiles(Path file, long start, int count) {
        this.file = file;
        this.count = count;
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(start);
            this.json = ManifestJson.JSON.createParser(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024));
            ManifestJson.expect(json, json.nextToken(), JsonToken.START_ARRAY, "files");
        } catch (IOException e) {
            throw changed(e);
        }
    }

    @Override
    public FileRecord next() {
        try {
            FileRecord record = ManifestJson.fileRecord(json);
            if ((record == null) != (read == count)) {
                throw new ManifestJson.Malformed(record == null ? "ends after " + read + " of " + count + " file records"
                        : "holds more than the " + count + " file records it had");
            }
            read += record == null ? 0 : 1;
            return record;
        } catch (IOException e) {
            throw changed(e);
        }
    }

    private BackupException changed(IOException e) {
        return new BackupException(file + " changed since the set was opened, or cannot be read again: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
