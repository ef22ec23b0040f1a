package io.drrunbooks.backup;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes {@code manifest.json} as a stream, each archive's file records read one at a time from wherever they are
 * (the spool of a backup being written, the manifest of a set, a list): a million of them never are in memory.
 * {@link ManifestJson} reads it back.
 */
final class ManifestWriter {

    private ManifestWriter() {
    }

    static void write(OutputStream out, Manifest manifest) throws IOException {
        try (JsonGenerator json = ManifestJson.JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("formatVersion", manifest.formatVersion());
            json.writeStringField("id", manifest.id());
            json.writeStringField("createdAt", manifest.createdAt().toString());
            json.writeStringField("completedAt", manifest.completedAt().toString());
            json.writeStringField("toolVersion", manifest.toolVersion());
            json.writeStringField("targetRoot", manifest.targetRoot());
            if (manifest.origin() != null) {
                json.writeStringField("origin", manifest.origin());
            }
            json.writeArrayFieldStart("archives");
            for (ArchiveRecord archive : manifest.archives()) {
                writeArchive(json, archive);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeArchive(JsonGenerator json, ArchiveRecord archive) throws IOException {
        json.writeStartObject();
        json.writeStringField("dataSet", archive.dataSet());
        json.writeStringField("file", archive.file());
        json.writeNumberField("size", archive.size());
        json.writeStringField("sha256", archive.sha256());
        json.writeNumberField("entries", archive.entries());
        json.writeArrayFieldStart("files");
        try (FileList.Cursor files = archive.files().cursor()) {
            for (FileRecord file = files.next(); file != null; file = files.next()) {
                json.writeStartObject();
                json.writeStringField("path", file.path());
                json.writeNumberField("size", file.size());
                json.writeNumberField("mode", file.mode());
                json.writeStringField("sha256", file.sha256());
                json.writeEndObject();
            }
        }
        json.writeEndArray();
        json.writeStringField("kind", archive.kind());
        writeStrings(json, "paths", archive.paths());
        writeStrings(json, "skipped", archive.skipped());
        if (archive.encryption() != null) {
            json.writeObjectFieldStart("encryption");
            json.writeStringField("algorithm", archive.encryption().algorithm());
            json.writeNumberField("chunkBytes", archive.encryption().chunkBytes());
            json.writeStringField("keyId", archive.encryption().keyId());
            json.writeEndObject();
        }
        if (!archive.members().isEmpty()) {
            json.writeArrayFieldStart("members");
            for (ArchiveMember member : archive.members()) {
                json.writeStartObject();
                json.writeNumberField("offset", member.offset());
                json.writeNumberField("tarOffset", member.tarOffset());
                json.writeNumberField("entries", member.entries());
                json.writeNumberField("files", member.files());
                json.writeStringField("entry", member.entry());
                if (member.within() != null) {
                    json.writeNumberField("within", member.within());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
