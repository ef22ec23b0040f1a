package io.drrunbooks.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} read as a stream ({@link ManifestWriter} writes it): the files of an archive are never all in
 * memory. Reading
 * skims each archive's {@code files} array once (counting its records and what they take in a tar stream) and
 * remembers where it starts, so a {@link FileList} reads the records again from there when a check needs them.
 * The JSON is the one format version 1 has always had; the member index ({@code members}) is an addition that
 * readers without it ignore.
 */
final class ManifestJson {

    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).build()).build();

    private ManifestJson() {
    }

    /** Reads the manifest in {@code file}; a {@link Malformed} says what is wrong, an IOException that it cannot be read. */
    static Manifest read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(file), 64 * 1024);
             JsonParser json = JSON.createParser(in)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT, "the manifest");
            int formatVersion = 0;
            String id = null;
            String toolVersion = null;
            String targetRoot = null;
            String origin = null;
            Instant createdAt = null;
            Instant completedAt = null;
            List<ArchiveRecord> archives = new ArrayList<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "formatVersion" -> formatVersion = json.getValueAsInt();
                    case "id" -> id = text(json);
                    case "createdAt" -> createdAt = instant(json);
                    case "completedAt" -> completedAt = instant(json);
                    case "toolVersion" -> toolVersion = text(json);
                    case "targetRoot" -> targetRoot = text(json);
                    case "origin" -> origin = text(json);
                    case "archives" -> {
                        expect(json, value, JsonToken.START_ARRAY, "archives");
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            archives.add(readArchive(json, file));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            return new Manifest(formatVersion, id, createdAt, completedAt, toolVersion, targetRoot, origin, archives);
        }
    }

    private static ArchiveRecord readArchive(JsonParser json, Path file) throws IOException {
        String dataSet = null;
        String name = null;
        String sha256 = null;
        String kind = null;
        long size = 0;
        int entries = 0;
        FileList files = null;
        List<String> paths = List.of();
        List<String> skipped = List.of();
        ArchiveEncryption encryption = null;
        List<ArchiveMember> members = List.of();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "dataSet" -> dataSet = text(json);
                case "file" -> name = text(json);
                case "size" -> size = json.getValueAsLong();
                case "sha256" -> sha256 = text(json);
                case "entries" -> entries = json.getValueAsInt();
                case "files" -> files = skimFiles(json, value, file);
                case "kind" -> kind = text(json);
                case "paths" -> paths = strings(json, value, "paths");
                case "skipped" -> skipped = strings(json, value, "skipped");
                case "encryption" -> encryption = value == JsonToken.VALUE_NULL ? null : encryption(json, value);
                case "members" -> members = members(json, value);
                default -> json.skipChildren();
            }
        }
        return new ArchiveRecord(dataSet, name, size, sha256, entries, files, kind, paths, skipped, encryption, members);
    }

    /** Counts the records and what they take, remembering where the array starts to read them again. */
    private static FileList skimFiles(JsonParser json, JsonToken value, Path file) throws IOException {
        expect(json, value, JsonToken.START_ARRAY, "files");
        long start = json.currentTokenLocation().getByteOffset();
        int count = 0;
        long tarBytes = 0;
        for (FileRecord record = fileRecord(json); record != null; record = fileRecord(json)) {
            count++;
            tarBytes += ArchiveLimits.tarBytes(record);
        }
        int size = count;
        return new FileList(size, tarBytes, () -> new ManifestFiles(file, start, size));
    }

    /** The next record of a files array, or null at its end. */
    static FileRecord fileRecord(JsonParser json) throws IOException {
        JsonToken token = json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return null;
        }
        expect(json, token, JsonToken.START_OBJECT, "a file record");
        String path = null;
        String sha256 = null;
        long size = 0;
        int mode = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "path" -> path = text(json);
                case "size" -> size = json.getValueAsLong();
                case "mode" -> mode = json.getValueAsInt();
                case "sha256" -> sha256 = text(json);
                default -> json.skipChildren();
            }
        }
        if (path == null || sha256 == null) {
            throw new Malformed("a file record without " + (path == null ? "path" : "sha256") + " at "
                    + json.currentTokenLocation().offsetDescription());
        }
        return new FileRecord(path, size, mode, sha256);
    }

    private static List<ArchiveMember> members(JsonParser json, JsonToken value) throws IOException {
        expect(json, value, JsonToken.START_ARRAY, "members");
        List<ArchiveMember> members = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            long offset = -1;
            long tarOffset = -1;
            long entries = -1;
            long files = -1;
            String entry = null;
            Long within = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "offset" -> offset = json.getValueAsLong(-1);
                    case "tarOffset" -> tarOffset = json.getValueAsLong(-1);
                    case "entries" -> entries = json.getValueAsLong(-1);
                    case "files" -> files = json.getValueAsLong(-1);
                    case "entry" -> entry = text(json);
                    case "within" -> within = json.getValueAsLong(-1);
                    default -> json.skipChildren();
                }
            }
            members.add(new ArchiveMember(offset, tarOffset, entries, files, entry, within));
        }
        return members;
    }

    private static ArchiveEncryption encryption(JsonParser json, JsonToken value) throws IOException {
        expect(json, value, JsonToken.START_OBJECT, "encryption");
        String algorithm = null;
        String keyId = null;
        int chunkBytes = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "algorithm" -> algorithm = text(json);
                case "chunkBytes" -> chunkBytes = json.getValueAsInt();
                case "keyId" -> keyId = text(json);
                default -> json.skipChildren();
            }
        }
        return new ArchiveEncryption(algorithm, chunkBytes, keyId);
    }

    private static List<String> strings(JsonParser json, JsonToken value, String what) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(json, value, JsonToken.START_ARRAY, what);
        List<String> strings = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            strings.add(text(json));
        }
        return strings;
    }

    private static String text(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new Malformed("expected a string at " + json.currentTokenLocation().offsetDescription() + ", found " + token);
        }
        return json.getText();
    }

    private static Instant instant(JsonParser json) throws IOException {
        String text = text(json);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new Malformed("'" + text + "' is not an ISO-8601 instant");
        }
    }

    static void expect(JsonParser json, JsonToken found, JsonToken expected, String what) throws IOException {
        if (found != expected) {
            throw new Malformed("expected " + what + " (" + expected.asString() + ") at "
                    + json.currentTokenLocation().offsetDescription() + ", found " + (found == null ? "the end" : found));
        }
    }

    /** What is wrong with a manifest's JSON, beside what the JSON parser itself reports. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }
}
