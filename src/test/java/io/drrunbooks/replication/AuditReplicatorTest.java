package io.drrunbooks.replication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replicator on real files against a writer thread that appends (records split across writes),
 * rotates by rename, rotates by copy-and-truncate and deletes old files, while the replicator is
 * stopped and started again in the middle; then every record is compared.
 */
class AuditReplicatorTest {

    private static final int RECORDS = 3_000;

    @TempDir
    Path home;

    @Test
    void everyRecordReachesTheReplicaExactlyOnceThroughRotationTruncationAndRestarts() throws Exception {
        Path audit = home.resolve("target/var/audit");
        Path replica = home.resolve("replica");
        Files.createDirectories(audit);
        Writer writer = new Writer(audit);
        Thread writing = new Thread(writer, "audit-writer");

        AuditReplicator first = replicator(audit, replica);
        writing.start();
        waitFor(() -> writer.written() > RECORDS / 3);
        first.close(); // the service stops; the writer does not
        waitFor(() -> writer.written() > RECORDS / 2);
        AuditReplicator second = replicator(audit, replica);
        waitFor(() -> writer.written() > 2 * RECORDS / 3);
        second.close();
        AuditReplicator third = replicator(audit, replica);
        writing.join(Duration.ofMinutes(2).toMillis());
        assertThat(writer.failure).isNull();
        waitFor(() -> third.replicateOnce().lagBytes() == 0);
        third.close();

        Map<String, List<Integer>> replicated = records(replica);
        List<Integer> all = replicated.values().stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(RECORDS).doesNotHaveDuplicates().startsWith(1).endsWith(RECORDS);
        replicated.forEach((file, seqs) -> assertThat(seqs).as(file).isSorted());
        assertThat(replicated.keySet()).hasSizeGreaterThan(3); // rotations made new replica files

        Map<String, List<Integer>> before = records(replica);
        replicator(audit, replica).close(); // a start with nothing new appends nothing
        new AuditReplicator(audit, replica, Duration.ofMillis(5), Clock.systemUTC()).replicateOnce();
        assertThat(records(replica)).isEqualTo(before);
    }

    @Test
    void aReplicaWhoseWritesFailReportsItsTrueLagAndRetriesLessOften() throws IOException {
        Path audit = Files.createDirectories(home.resolve("audit-full"));
        Path replica = Files.createDirectories(home.resolve("replica-full"));
        Path log = audit.resolve("live.jsonl");
        Files.writeString(log, "{\"seq\":1}\n");
        AuditReplicator replicator = new AuditReplicator(audit, replica, Duration.ofMillis(250), Clock.systemUTC());
        assertThat(replicator.replicateOnce().lagBytes()).isZero();
        Files.delete(replica.resolve("live.jsonl"));
        Files.createSymbolicLink(replica.resolve("live.jsonl"), Path.of("/dev/full")); // every write: no space left
        Files.writeString(log, "{\"seq\":2}\n".repeat(900), StandardOpenOption.APPEND);

        AuditReplicator.Status first = replicator.replicateOnce();
        assertThat(first.error()).isNotNull();
        assertThat(first.lagBytes()).isEqualTo(Files.size(log));
        assertThat(replicator.nextPause()).isEqualTo(Duration.ofMillis(500));
        replicator.replicateOnce();
        assertThat(replicator.nextPause()).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            replicator.replicateOnce();
        }
        assertThat(replicator.nextPause()).isEqualTo(Duration.ofMinutes(1));

        Files.delete(replica.resolve("live.jsonl")); // space again (the replica starts over)
        AuditReplicator.Status recovered = replicator.replicateOnce();
        assertThat(recovered.error()).isNull();
        assertThat(recovered.lagBytes()).isZero();
        assertThat(replicator.nextPause()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aHalfWrittenRecordWaitsATornReplicaIsCompletedAndADeletedSourceLeavesTheReplica() throws IOException {
        Path audit = Files.createDirectories(home.resolve("audit"));
        Path replica = home.resolve("replica");
        Path log = audit.resolve("2025-01-20.jsonl");
        Files.writeString(log, "{\"seq\":1}\n{\"seq\":2");
        AuditReplicator replicator = new AuditReplicator(audit, replica, Duration.ofSeconds(1), Clock.systemUTC());

        AuditReplicator.Status status = replicator.replicateOnce();
        assertThat(Files.readString(replica.resolve("2025-01-20.jsonl"))).isEqualTo("{\"seq\":1}\n");
        assertThat(status.lagBytes()).isEqualTo("{\"seq\":2".length());
        assertThat(status.followedFiles()).isEqualTo(1);

        Files.writeString(log, "}\n", StandardOpenOption.APPEND);
        assertThat(replicator.replicateOnce().lagBytes()).isZero();
        assertThat(Files.readString(replica.resolve("2025-01-20.jsonl"))).isEqualTo("{\"seq\":1}\n{\"seq\":2}\n");

        // killed while appending: the forced bytes end mid-record; the next pass completes it, repeats nothing
        Path copy = replica.resolve("2025-01-20.jsonl");
        try (var channel = java.nio.channels.FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.truncate("{\"seq\":1}\n{\"se".length());
        }
        assertThat(replicator.replicateOnce().lagBytes()).isZero();
        assertThat(Files.readString(copy)).isEqualTo("{\"seq\":1}\n{\"seq\":2}\n");

        Files.delete(log); // the audit-log-loss disaster: the replica keeps every record
        assertThat(replicator.replicateOnce().followedFiles()).isZero();
        assertThat(Files.readString(replica.resolve("2025-01-20.jsonl"))).isEqualTo("{\"seq\":1}\n{\"seq\":2}\n");
    }

    private static AuditReplicator replicator(Path audit, Path replica) {
        return new AuditReplicator(audit, replica, Duration.ofMillis(5), Clock.systemUTC()).start();
    }

    /** Replica file name to the sequence numbers of its records, in file order. */
    private static Map<String, List<Integer>> records(Path replica) throws IOException {
        Map<String, List<Integer>> records = new TreeMap<>();
        try (Stream<Path> files = Files.list(replica)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                List<Integer> seqs = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    seqs.add(Integer.parseInt(line.replaceAll("\\D+", "")));
                }
                records.put(file.getFileName().toString(), seqs);
            }
        }
        return records;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Platform God's side: appends records, rotating by rename and by copy-and-truncate, and keeps few old files. */
    private static final class Writer implements Runnable {

        private final Path audit;
        private volatile int written;
        volatile Exception failure;

        Writer(Path audit) {
            this.audit = audit;
        }

        int written() {
            return written;
        }

        @Override
        public void run() {
            Path log = audit.resolve("audit.jsonl");
            try {
                for (int seq = 1; seq <= RECORDS; seq++) {
                    String record = "{\"seq\":" + seq + ",\"action\":\"agent.run\"}\n";
                    int half = record.length() / 2; // a record lands in two writes, as a buffered logger may do
                    append(log, record.substring(0, half));
                    append(log, record.substring(half));
                    written = seq;
                    if (seq % 250 == 0) {
                        Files.move(log, audit.resolve("audit.jsonl." + seq), StandardCopyOption.ATOMIC_MOVE);
                    } else if (seq % 170 == 0) {
                        Files.copy(log, audit.resolve("audit-" + seq + ".jsonl"));
                        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                    }
                    if (seq % 600 == 0) {
                        deleteOldest();
                    }
                    Thread.sleep(seq % 3 == 0 ? 1 : 0);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        private static void append(Path log, String text) throws IOException {
            Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        /** Retention: the oldest rotated file goes, long after any replicator running has read it. */
        private void deleteOldest() throws IOException {
            try (Stream<Path> files = Files.list(audit)) {
                files.filter(f -> f.getFileName().toString().startsWith("audit.jsonl."))
                        .min(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().substring(12))))
                        .ifPresent(f -> {
                            try {
                                Files.delete(f);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            }
        }
    }
}
