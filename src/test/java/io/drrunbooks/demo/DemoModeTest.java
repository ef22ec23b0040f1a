package io.drrunbooks.demo;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.runbook.RunService;
import io.drrunbooks.runbook.RunView;
import io.drrunbooks.runbook.StartRequest;
import io.drrunbooks.testsupport.DemoServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The newcomer's first run: demo target, first set, a damaged registry, a real recovery, health back to ok. */
class DemoModeTest extends DemoServiceTest {

    @Autowired
    RunService runs;
    @Autowired
    BackupSets backups;
    @Autowired
    AuditTrail audit;
    @Autowired
    VerificationLog verifications;

    @Test
    void aRegistryRecoveryInTheDemoRepairsTheDamageItStartsWith() throws Exception {
        assertThat(HOME.resolve("demo-target/var/registry/agents")).isDirectory();
        assertThat(HOME.resolve("demo-target/.env")).isRegularFile();
        assertThat(backups.list()).hasSize(1);
        assertThat(health()).isEqualTo(200);
        String firstSet = backups.list().get(0).id();
        await(() -> verifications.latest(firstSet).isPresent()); // verified in the background at start
        assertThat(verifications.latest(firstSet).orElseThrow().ok()).isTrue();

        String runId = runs.start(new StartRequest("registry-corruption", "demo", "newcomer", Map.of()));
        assertThat(health()).isEqualTo(503); // the demo damaged its registry before the run began
        await(() -> !runs.tasks(runId).isEmpty());
        UserTask approval = runs.tasks(runId).get(0);
        runs.completeTask(approval.taskId(), Map.of("approved", true), "approver");
        await(() -> !runs.run(runId).orElseThrow().state().equals("ACTIVE"));

        RunView done = runs.run(runId).orElseThrow();
        assertThat(done.outcome()).isEqualTo("RECOVERED");
        assertThat(health()).isEqualTo(200);
        assertThat(Files.list(HOME.resolve("demo-target/var")).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("registry.corrupted."));
        assertThatStepsFollowEachOtherWithinMilliseconds(runId);
    }

    /**
     * A service task is picked up when the transaction that reached it commits, not at the next
     * poll (one second): the gap between one step's end and the next one's start stays far below it.
     */
    private void assertThatStepsFollowEachOtherWithinMilliseconds(String runId) {
        List<AuditEvent> events = audit.events(runId);
        AuditEvent restored = events.stream().filter(e -> e.type().equals("step.completed") && "restore-registry".equals(e.step()))
                .findFirst().orElseThrow();
        AuditEvent next = events.stream().filter(e -> e.type().equals("step.started") && "start-services".equals(e.step()))
                .findFirst().orElseThrow();
        assertThat(Duration.between(Instant.parse(restored.at()), Instant.parse(next.at())))
                .isLessThan(Duration.ofMillis(500));
    }

    private int health() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/demo/health/status")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
