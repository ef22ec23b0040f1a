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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The records of a copy whose files may be generations of one log: the real-time replica names the
     * copy of a log re-created under the same name (restored, truncated and rewritten) {@code name~n}.
     * A generation holds what the earlier ones held again (a restored log is an older copy of the
     * same records), so a line counts as often as the generation holding it most often has it, not
     * as often as all of them together.
     */
    static List<Record> readGenerations(Path path) {
        Map<String, Map<String, Integer>> most = new HashMap<>();
        Map<String, Map<String, Integer>> inFile = new HashMap<>();
        List<Record> records = read(path);
        for (Record record : records) {
            inFile.computeIfAbsent(record.file(), f -> new HashMap<>()).merge(record.line(), 1, Integer::sum);
        }
        inFile.forEach((file, counts) -> counts.forEach((line, count) ->
                most.computeIfAbsent(logOf(file), l -> new HashMap<>()).merge(line, count, Math::max)));
        Map<String, Map<String, Integer>> taken = new HashMap<>();
        return records.stream().filter(record -> taken.computeIfAbsent(logOf(record.file()), l -> new HashMap<>())
                .merge(record.line(), 1, Integer::sum) <= most.get(logOf(record.file())).get(record.line())).toList();
    }

    private static String logOf(String file) {
        return file.replaceFirst("~[0-9]+$", "");
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
