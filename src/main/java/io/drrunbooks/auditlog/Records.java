package io.drrunbooks.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every record under a directory (or one file), files in name order, lines in order. */
final class Records {

    /**
     * Lines are read and written as ISO-8859-1, one char per byte, so any line, valid UTF-8 or not,
     * goes back to disk byte for byte; only the ASCII time fields are ever interpreted.
     */
    static final Charset BYTES = StandardCharsets.ISO_8859_1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TIME_FIELDS = {"ts", "timestamp", "time", "@timestamp", "at"};

    private Records() {
    }

    static List<Record> read(Path path) {
        List<Record> records = new ArrayList<>();
        if (!Files.exists(path)) {
            return records;
        }
        try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                String name = path.relativize(file).toString().isEmpty() ? file.getFileName().toString() : path.relativize(file).toString();
                try (BufferedReader reader = Files.newBufferedReader(file, BYTES)) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (!line.isBlank()) {
                            records.add(new Record(line, name, timeOf(line)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read audit records under " + path + ": " + e.getMessage(), e);
        }
        return records;
    }

    /** The record's time, or null for a line that is not a JSON object with one. */
    private static String timeOf(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            for (String field : TIME_FIELDS) {
                if (node.hasNonNull(field)) {
                    return node.get(field).asText();
                }
            }
        } catch (IOException notJson) {
            // kept as a record all the same; it just has no time to report
        }
        return null;
    }
}
