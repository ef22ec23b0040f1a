package io.drrunbooks.auditlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Finds the records an audit-log directory lacks against other copies, and merges them back. */
public final class AuditLogs {

    /** A run of consecutive missing records; times are null when none of its records carries one. */
    public record GapRange(String firstAt, String lastAt, int records, String source) {
    }

    /** What is missing: the ranges, and the records themselves in the sources' order. */
    public record Gap(List<GapRange> ranges, List<String> missing, int restoredRecords, int sourceRecords) {
        public boolean isEmpty() {
            return missing.isEmpty();
        }
    }

    /** What a merge wrote. */
    public record Merge(Path file, int records, String sha256) {
    }

    /**
     * Each source is a copy of the same log (the external copy, what a restore replaced): a record counts as often
     * as the source holding it most often has it, so one that both copies hold is missing once, not twice.
     */
    public Gap findGap(Path restored, Collection<Path> sources) {
        Map<String, Integer> held = new HashMap<>(); // restored, and found missing in an earlier source
        List<Record> restoredRecords = Records.read(restored);
        restoredRecords.forEach(r -> held.merge(r.line(), 1, Integer::sum));
        List<GapRange> ranges = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int sourceRecords = 0;
        for (Path source : sources) {
            Map<String, Integer> unmatched = new HashMap<>(held);
            RangeBuilder range = null;
            for (Record record : Records.readGenerations(source)) {
                sourceRecords++;
                if (unmatched.merge(record.line(), -1, Integer::sum) >= 0) {
                    range = close(range, ranges);
                    continue;
                }
                held.merge(record.line(), 1, Integer::sum);
                missing.add(record.line());
                range = range == null ? new RangeBuilder(record.file()) : range;
                range.add(record);
            }
            close(range, ranges);
        }
        return new Gap(ranges, missing, restoredRecords.size(), sourceRecords);
    }

    private static RangeBuilder close(RangeBuilder range, List<GapRange> ranges) {
        if (range != null) {
            ranges.add(range.build());
        }
        return null;
    }

    /**
     * Writes the gap's records to {@code <auditDir>/<fileName>} (fsynced, atomically named) and checks
     * that {@code auditDir} then holds every record of the sources.
     */
    public Merge merge(Path auditDir, Gap gap, String fileName, Collection<Path> sources) {
        Path file = auditDir.resolve(fileName);
        if (Files.exists(file)) {
            return verified(auditDir, file, sources); // a second delivery of the same merge
        }
        StringBuilder text = new StringBuilder();
        gap.missing().forEach(line -> text.append(line).append('\n'));
        byte[] bytes = text.toString().getBytes(Records.BYTES);
        Path temporary = auditDir.resolve("." + fileName + ".tmp");
        try {
            Files.createDirectories(auditDir);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
        return verified(auditDir, file, sources);
    }

    private Merge verified(Path auditDir, Path file, Collection<Path> sources) {
        Gap after = findGap(auditDir, sources);
        if (!after.isEmpty()) {
            throw new IllegalStateException("after merging into " + file + ", " + after.missing().size()
                    + " records of the external copy are still missing from " + auditDir);
        }
        try {
            byte[] written = Files.readAllBytes(file);
            int records = (int) new String(written, Records.BYTES).lines().count();
            return new Merge(file, records, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(written)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class RangeBuilder {
        private final String source;
        private String first;
        private String last;
        private int count;

        RangeBuilder(String source) {
            this.source = source;
        }

        void add(Record record) {
            count++;
            if (record.at() != null) {
                first = first == null ? record.at() : first;
                last = record.at();
            }
        }

        GapRange build() {
            return new GapRange(first, last, count, source);
        }
    }
}
