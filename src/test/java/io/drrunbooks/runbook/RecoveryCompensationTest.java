package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.restore.QuarantineList;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recovery never leaves data missing: a quarantine of a big registry fits the trail (its file list lives beside
 * it), and a run that fails or is canceled after it quarantined and stopped things moves the registry back and
 * starts the services again, saying so in its trail, once.
 */
class RecoveryCompensationTest extends RegistryRunTest {

    private static final int BULK_FILES = 20_000;

    Path servicesLog;

    @BeforeEach
    void servicesThatLeaveATrace() {
        servicesLog = HOME.resolve("services-" + System.nanoTime() + ".log");
        targetProperties.setStopCommand("echo stop >> " + servicesLog);
        targetProperties.setStartCommand("echo start >> " + servicesLog);
    }

    @Test
    void aRegistryOfTwentyThousandFilesIsQuarantinedAndRecovered() throws IOException {
        recoversABigRegistry(false);
    }

    @Test
    void aDrillOnARegistryOfTwentyThousandFilesIsRecovered() throws IOException {
        recoversABigRegistry(true);
    }

    private void recoversABigRegistry(boolean drill) throws IOException {
        writeBulkAgents();
        backup();
        Map<String, String> good = PlatformGodFixture.hashes(registry());
        corruptRegistry();

        String runId = runs.start(new StartRequest("registry-corruption", "agent listing fails", "commander-1",
                Map.of("drill", drill)));
        UserTask approval = awaitApproval(runId);
        assertThat(String.valueOf(approval.variables().get("changeSummary"))).startsWith("registry: 0 added, 0 removed, 1 changed");
        runs.completeTask(approval.taskId(), Map.of("approved", true), "approver-1");
        RunView done = awaitEnd(runId);

        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(done.outcome()).isEqualTo("RECOVERED");
        AuditEvent quarantined = audit.first(runId, QuarantineStep.EVENT, detail -> true).orElseThrow();
        assertThat(quarantined.detail()).containsEntry("fileCount", good.size());
        assertThat(good.size()).isGreaterThan(BULK_FILES);
        if (drill) {
            assertThat(PlatformGodFixture.hashes(registry())).as("the live registry is untouched by a drill")
                    .hasSize(good.size()).isNotEqualTo(good);
        } else {
            assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(good);
            Path quarantine = Path.of(quarantined.detail().get("quarantined").toString());
            Map<String, String> listed = QuarantineList.read(quarantine, quarantined.detail().get("fileListSha256").toString());
            assertThat(listed).hasSize(good.size()).isEqualTo(PlatformGodFixture.hashes(quarantine));
        }
        assertThat(audit.check(runId).intact()).isTrue();
    }

    @Test
    void aRestoreThatFailsAfterTheQuarantineMovesTheRegistryBackRestartsTheServicesAndACancelDoesItNoMore() throws IOException {
        BackupSet set = backup();
        corruptRegistry();
        Map<String, String> corrupted = PlatformGodFixture.hashes(registry());
        String runId = start();
        UserTask approval = awaitApproval(runId);
        assertThat(registry()).doesNotExist();
        // the chosen set goes bad between its selection and the restore: the restore fails, retries and all
        Path archive = set.directory().resolve("registry.tar.gz");
        Files.write(archive, "not the archive any more".getBytes());

        runs.completeTask(approval.taskId(), Map.of("approved", true), "approver-1");
        RunView failed = awaitEnd(runId);

        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.failedSteps()).extracting(RunView.FailedStep::step).contains("restore-registry");
        assertPutBack(corrupted);
        List<AuditEvent> compensation = compensationEvents(runId);
        assertThat(compensation).extracting(AuditEvent::type).containsExactly(Compensation.STARTED,
                Compensation.QUARANTINE_RELEASED, Compensation.SERVICES_STARTED, Compensation.COMPLETED);
        assertThat(compensation.get(0).detail()).containsEntry("trigger", "failed");
        assertThat(compensation.get(0).detail().get("why").toString()).contains("restore-registry");
        assertThat(compensation.get(3).detail()).containsEntry("failedUndos", 0);

        runs.cancel(runId, "given up", "commander-1");

        assertPutBack(corrupted);
        assertThat(compensationEvents(runId)).as("nothing left to undo").hasSize(4);
        assertThat(types(runId)).endsWith("run.canceled");
        assertThat(audit.check(runId).intact()).isTrue();
    }

    @Test
    void aCancelAtTheApprovalMovesTheRegistryBackAndRestartsTheServices() throws IOException {
        backup();
        corruptRegistry();
        Map<String, String> corrupted = PlatformGodFixture.hashes(registry());
        String runId = start();
        awaitApproval(runId);
        assertThat(registry()).doesNotExist();
        assertThat(Files.readString(servicesLog)).isEqualTo("stop\n");

        runs.cancel(runId, "wrong incident", "commander-1");

        assertPutBack(corrupted);
        List<AuditEvent> compensation = compensationEvents(runId);
        assertThat(compensation).extracting(AuditEvent::type).containsExactly(Compensation.STARTED,
                Compensation.QUARANTINE_RELEASED, Compensation.SERVICES_STARTED, Compensation.COMPLETED);
        assertThat(compensation).allSatisfy(event -> assertThat(event.actor()).isEqualTo("commander-1"));
        assertThat(compensation.get(0).detail()).containsEntry("trigger", "canceled").containsEntry("why", "wrong incident");
        assertThat(compensation.get(1).detail()).containsEntry("live", registry().toString());
        assertThat(audit.check(runId).intact()).isTrue();
    }

    /** The registry as it was, no quarantine nor its list left, the services stopped once and started once. */
    private void assertPutBack(Map<String, String> corrupted) throws IOException {
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(corrupted);
        try (Stream<Path> var = Files.list(root().resolve("var"))) {
            assertThat(var.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("registry."));
        }
        assertThat(Files.readString(servicesLog)).isEqualTo("stop\nstart\n");
    }

    private void writeBulkAgents() throws IOException {
        Path bulk = registry().resolve("agents/bulk");
        Files.createDirectories(bulk);
        for (int i = 0; i < BULK_FILES; i++) {
            Files.writeString(bulk.resolve(String.format("agent-%05d.yaml", i)), "name: agent-" + i + "\ntools: [search]\n");
        }
    }

    private List<AuditEvent> compensationEvents(String runId) {
        return audit.events(runId).stream().filter(e -> e.type().startsWith("compensation.")).toList();
    }
}
