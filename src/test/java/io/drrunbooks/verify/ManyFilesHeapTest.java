package io.drrunbooks.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.drrunbooks.testsupport.ChildJvm;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A set whose archive holds 200,000 files is verified by the command line in a 64 MiB heap: the manifest is read as
 * a stream and each file checked against the next record, where holding the manifest's records took ~500 bytes a
 * file (about 100 MiB here). The README's many-files harness run does the same for a million files, backup and
 * restore included, in the launcher's heap.
 */
class ManyFilesHeapTest {

    private static final int FILES = 200_000;
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path temp;

    @Test
    void aSetOfTwoHundredThousandFilesVerifiesInA64MiBHeap() throws IOException {
        Path set = Files.createDirectories(temp.resolve("backups/20250120_020000"));
        Path archive = set.resolve("state.tar.gz");
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(1);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out, fast))) {
            tar.putArchiveEntry(new TarArchiveEntry("var/state/"));
            tar.closeArchiveEntry();
            for (int i = 0; i < FILES; i++) {
                if (i % 1000 == 0) {
                    tar.putArchiveEntry(new TarArchiveEntry(directory(i) + "/"));
                    tar.closeArchiveEntry();
                }
                tar.putArchiveEntry(new TarArchiveEntry(file(i)));
                tar.closeArchiveEntry();
            }
        }
        try (JsonGenerator json = new JsonFactory().createGenerator(Files.newOutputStream(set.resolve("manifest.json")))) {
            json.writeStartObject();
            json.writeNumberField("formatVersion", 1);
            json.writeStringField("id", "20250120_020000");
            json.writeStringField("createdAt", "2025-01-20T02:00:00Z");
            json.writeStringField("completedAt", "2025-01-20T02:00:00Z");
            json.writeStringField("toolVersion", "test");
            json.writeArrayFieldStart("archives");
            json.writeStartObject();
            json.writeStringField("dataSet", "state");
            json.writeStringField("file", "state.tar.gz");
            json.writeNumberField("size", Files.size(archive));
            json.writeStringField("sha256", PlatformGodFixture.sha256(archive));
            json.writeNumberField("entries", 1 + FILES + FILES / 1000);
            json.writeArrayFieldStart("files");
            for (int i = 0; i < FILES; i++) {
                json.writeStartObject();
                json.writeStringField("path", file(i));
                json.writeNumberField("size", 0);
                json.writeNumberField("mode", 644);
                json.writeStringField("sha256", EMPTY_SHA256);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("kind", "directory");
            json.writeArrayFieldStart("paths");
            json.writeString("var/state");
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }

        try (ChildJvm verify = ChildJvm.start(temp.resolve("verify.log"), List.of("-Xmx64m", "-XX:+UseSerialGC"),
                List.of("verify", set.toString()))) {
            assertThat(verify.await(Duration.ofMinutes(5))).as(verify.output()).isZero();
            assertThat(verify.output()).contains("intact: " + set);
        }
    }

    private static String directory(int i) {
        return "var/state/runs/" + String.format("%04d", i / 1000);
    }

    private static String file(int i) {
        return directory(i) + "/run-" + String.format("%07d", i) + ".json";
    }
}
