package io.drrunbooks.replication;

import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.Target;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.TestHomes;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise, end to end on the whole service with its defaults (the replica under the
 * backup root is the external source): deleting {@code var/audit} while records are being written
 * and running {@code audit-log-loss} restores every record written up to a second before the deletion.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogLossTest {

    static final Path HOME = TestHomes.create("dr-audit-loss-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dr.home", HOME::toString);
        registry.add("dr.target.root", () -> HOME.resolve("target").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + HOME.resolve("db/dr") + ";AUTO_SERVER=TRUE");
        TestUsers.configure(registry);
        TestHomes.withoutSchedules(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    BackupSets backups;
    @Autowired
    Target target;

    @Test
    void everyRecordWrittenUpToASecondBeforeTheDeletionIsRestored() throws Exception {
        Path root = HOME.resolve("target");
        PlatformGodFixture.create(root);
        Path log = root.resolve("var/audit/agent-runs.jsonl");
        List<Written> written = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int n = 0; !stop.get(); n++) {
                String record = "{\"event\":\"agent.run\",\"n\":" + n + "}\n";
                append(log, record);
                synchronized (written) {
                    written.add(new Written(record.strip(), System.currentTimeMillis()));
                }
                if (n == 200) {
                    backups.write(target.layout(), target.layout().dailyDataSets()); // the last backup, mid-stream
                }
                pause(5);
            }
        }, "audit-writer");
        writer.start();
        while (size(written) < 600) {
            pause(50);
        }
        stop.set(true);
        writer.join();
        long deletedAt = System.currentTimeMillis(); // the writer wrote until a moment ago
        FileSystemUtils.deleteRecursively(root.resolve("var/audit"));

        Api api = new Api(port);
        String runId = api.start("{\"runbook\":\"audit-log-loss\",\"reason\":\"var/audit deleted\"}");
        api.complete(api.awaitTask(runId, "document-gap"), "{\"account\":\"var/audit deleted by mistake\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":true}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");

        Map<String, Long> restored = records(root.resolve("var/audit"));
        List<String> promised = written.stream().filter(w -> w.at() <= deletedAt - 1_000).map(Written::record).toList();
        assertThat(promised).hasSizeGreaterThan(200); // records from after the backup are among them
        promised.forEach(record -> assertThat(restored.get(record)).as(record).isEqualTo(1L));
        List<String> all = written.stream().map(Written::record).toList();
        assertThat(restored.entrySet()).filteredOn(e -> e.getKey().contains("agent.run"))
                .allMatch(e -> all.contains(e.getKey()) && e.getValue() == 1L); // nothing invented, nothing twice
    }

    private record Written(String record, long at) {
    }

    /** Every line of every file under the restored directory, and how often it occurs. */
    private static Map<String, Long> records(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).flatMap(file -> {
                try {
                    return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(String::strip).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }

    private static void append(Path log, String record) {
        try {
            Files.writeString(log, record, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int size(List<Written> written) {
        synchronized (written) {
            return written.size();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
