package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.restore.QuarantineList;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of {@code registry-corruption} on the embedded engine, through the run service and the port. */
class RegistryCorruptionRunbookTest extends RegistryRunTest {

    /** A set's name as the spec's script writes it; the fixture's manifest.txt says UTC. */
    private static final DateTimeFormatter SET_ID = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);


    @Test
    void approvedRecoveryRestoresTheRegistryAndKeepsTheCorruptedCopy() {
        BackupSet good = backup();
        Map<String, String> goodRegistry = PlatformGodFixture.hashes(registry());
        corruptRegistry();
        Map<String, String> corrupted = PlatformGodFixture.hashes(registry());

        String runId = start();
        UserTask approval = awaitApproval(runId);
        assertThat(approval.formId()).isEqualTo("approve-restore");
        assertThat(approval.variables()).containsEntry("backupSetId", good.id()).containsEntry("rpoMet", true);
        assertThat(String.valueOf(approval.variables().get("changeSummary"))).contains("1 changed").contains("agents/alpha.yaml");

        runs.completeTask(approval.taskId(), Map.of("approved", true, "reason", "looks right"), "approver-1");
        RunView done = awaitEnd(runId);

        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(done.outcome()).isEqualTo("RECOVERED");
        assertThat(done.failedSteps()).isEmpty();
        assertThat(done.rtoBreached()).isFalse();
        assertThat(done.completedSteps()).extracting(RunView.Step::step).containsSubsequence(
                "stop-services", "quarantine-registry", "select-backup", "approve-restore", "restore-registry",
                "start-services", "verify-recovery");
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(goodRegistry);
        Path quarantine = single(root().resolve("var"), "registry.corrupted.");
        assertThat(PlatformGodFixture.hashes(quarantine)).isEqualTo(corrupted);
        assertThat(permissions(quarantine.resolve("agents/alpha.yaml"))).doesNotContain(PosixFilePermission.OWNER_WRITE);

        List<AuditEvent> trail = audit.events(runId);
        assertThat(trail).extracting(AuditEvent::type).contains("run.started", "data-set.quarantined",
                "task.completed", "data-sets.restored");
        AuditEvent quarantined = trail.stream().filter(e -> e.type().equals("data-set.quarantined")).findFirst().orElseThrow();
        assertThat(quarantined.actor()).isEqualTo("commander-1");
        assertThat(quarantined.detail()).containsEntry("why", "agent listing fails")
                .containsEntry("fileList", QuarantineList.of(quarantine).toString());
        assertThat(QuarantineList.read(quarantine, quarantined.detail().get("fileListSha256").toString())).isEqualTo(corrupted);
        AuditEvent approvedBy = trail.stream().filter(e -> e.type().equals("task.completed")).findFirst().orElseThrow();
        assertThat(approvedBy.actor()).isEqualTo("approver-1");
        assertThat(audit.check(runId).intact()).isTrue();
    }

    @Test
    void newestSetIsSkippedWhenItsRegistryDoesNotParse() {
        BackupSet good = backup();
        corruptRegistry();
        BackupSet bad = backup();
        assertThat(bad.id()).isNotEqualTo(good.id());

        String runId = start();
        UserTask approval = awaitApproval(runId);

        assertThat(approval.variables()).containsEntry("backupSetId", good.id());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) approval.variables().get("skippedSets");
        assertThat(skipped).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("id", bad.id());
            assertThat(String.valueOf(s.get("reason"))).contains("does not parse").contains("alpha.yaml");
        });
        runs.completeTask(approval.taskId(), Map.of("approved", true), "approver-1");
        assertThat(awaitEnd(runId).outcome()).isEqualTo("RECOVERED");
    }

    @Test
    void newerSetsThatDoNotOpenAreSkippedWithWhyAndShownToTheApprover() throws IOException {
        BackupSet good = backup();
        BackupSet malformed = backup();
        Path manifest = malformed.directory().resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).substring(0, 40));
        String scriptId = SET_ID.format(malformed.createdAt().plusSeconds(60));
        Path script = PlatformGodFixture.writeSetWithSpecScript(root(), good.directory().getParent(), scriptId);
        Files.write(script.resolve("state.tar.gz"), "not gzip at all".getBytes());
        corruptRegistry();

        String runId = start();
        UserTask approval = awaitApproval(runId);

        assertThat(approval.variables()).containsEntry("backupSetId", good.id());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) approval.variables().get("skippedSets");
        assertThat(skipped).extracting(s -> s.get("id")).containsExactly(scriptId, malformed.id());
        assertThat(String.valueOf(skipped.get(0).get("reason"))).contains("state.tar.gz");
        assertThat(String.valueOf(skipped.get(1).get("reason"))).contains("manifest.json is malformed");
        assertThat(String.valueOf(approval.variables().get("skippedSummary")))
                .contains(scriptId + ": ").contains(malformed.id() + ": ").contains("manifest.json is malformed");
        runs.completeTask(approval.taskId(), Map.of("approved", true), "approver-1");
        assertThat(awaitEnd(runId).outcome()).isEqualTo("RECOVERED");
    }

    @Test
    void rejectionRestoresNothingAndMovesTheQuarantinedRegistryBack() {
        backup();
        corruptRegistry();
        Map<String, String> corrupted = PlatformGodFixture.hashes(registry());

        String runId = start();
        runs.completeTask(awaitApproval(runId).taskId(), Map.of("approved", false, "reason", "wrong set"), "approver-1");
        RunView done = awaitEnd(runId);

        assertThat(done.outcome()).isEqualTo("REJECTED");
        assertThat(done.completedSteps()).extracting(RunView.Step::step)
                .contains("release-quarantine").doesNotContain("restore-registry");
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(corrupted);
        assertThat(permissions(registry().resolve("agents/alpha.yaml"))).contains(PosixFilePermission.OWNER_WRITE);
        assertThat(siblings(root().resolve("var"), "registry.corrupted.")).isEmpty();
        assertThat(audit.check(runId).intact()).isTrue();
    }

    @Test
    void failedVerificationKeepsTheQuarantineAndRecordsWhy() {
        backup();
        corruptRegistry();
        targetProperties.setVerifyCommand("echo 'pgod agents: 0 agents listed' >&2; exit 3");

        String runId = start();
        runs.completeTask(awaitApproval(runId).taskId(), Map.of("approved", true), "approver-1");
        RunView done = awaitEnd(runId);

        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(done.outcome()).isEqualTo("VERIFICATION_FAILED");
        assertThat(siblings(root().resolve("var"), "registry.corrupted.")).hasSize(1);
        AuditEvent failure = audit.events(runId).stream().filter(e -> e.type().equals("run.verification-failed"))
                .findFirst().orElseThrow();
        assertThat(failure.detail().get("problems").toString()).contains("exited 3").contains("0 agents listed");
        // the console marks the step that failed, and the audit timeline lists it, on either engine
        assertThat(done.failedSteps()).singleElement().satisfies(step -> {
            assertThat(step.step()).isEqualTo("verify-recovery");
            assertThat(step.problem()).startsWith("VERIFICATION_FAILED").contains("exited 3");
            assertThat(step.endedAt()).isAfterOrEqualTo(step.startedAt());
        });
        assertThat(done.completedSteps()).extracting(RunView.Step::step).doesNotContain("verify-recovery");
    }

    @Test
    void aFailingStopCommandFailsItsStepWithItsOutputAndTheRunOnceRetriesRunOut() {
        backup();
        corruptRegistry();
        Map<String, String> corrupted = PlatformGodFixture.hashes(registry());
        targetProperties.setStopCommand("echo boom; exit 1");

        String runId = start(); // 3 attempts, 2 s and 4 s apart (RetryBackoff)
        RunView failed = awaitEnd(runId);

        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.outcome()).isNull();
        assertThat(failed.completedSteps()).extracting(RunView.Step::step).doesNotContain("stop-services", "quarantine-registry");
        List<AuditEvent> failures = audit.events(runId).stream().filter(e -> e.type().equals("step.failed")).toList();
        assertThat(failures).extracting(e -> e.detail().get("retriesLeft")).containsExactly(2, 1, 0);
        assertThat(failures).allSatisfy(failure -> {
            assertThat(failure.step()).isEqualTo("stop-services");
            assertThat(failure.detail().get("failure")).isEqualTo("\"echo boom; exit 1\" exited 1: boom\n");
        });
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(corrupted);
        assertThat(siblings(root().resolve("var"), "registry.corrupted.")).isEmpty();
        assertThat(audit.check(runId).intact()).isTrue();
    }

    @Test
    void movingTheEngineClockPastTheRtoMarksTheRunBreachedWithoutStoppingIt() {
        backup();
        corruptRegistry();
        String runId = start();
        UserTask approval = awaitApproval(runId);
        assertThat(runs.run(runId).orElseThrow().rtoBreached()).isFalse();

        engine.advanceClock(Duration.ofMinutes(50)); // past the warning share (80 % of PT1H)
        eventually("the RTO warning", () -> types(runId).contains("rto.warning"));
        assertThat(types(runId)).doesNotContain("rto.breached");
        assertThat(runs.run(runId).orElseThrow().rtoBreached()).isFalse();
        engine.advanceClock(Duration.ofMinutes(15));
        eventually("the RTO breach", () -> runs.run(runId).orElseThrow().rtoBreached());

        RunView late = runs.run(runId).orElseThrow();
        assertThat(late.rtoBreached()).isTrue();
        assertThat(late.state()).isEqualTo("ACTIVE");
        assertThat(audit.events(runId)).extracting(AuditEvent::type).contains("rto.breached");

        runs.completeTask(approval.taskId(), Map.of("approved", true), "approver-1");
        RunView done = awaitEnd(runId);
        assertThat(done.outcome()).isEqualTo("RECOVERED");
        assertThat(done.rtoBreached()).isTrue();
    }

    @Test
    void withoutAnyUsableSetTheRegistryGoesBackAndTheRunSaysSo() {
        corruptRegistry();
        backup(); // its registry is already corrupt
        Map<String, String> corrupted = PlatformGodFixture.hashes(registry());

        RunView done = awaitEnd(start());

        assertThat(done.outcome()).isEqualTo("NO_USABLE_BACKUP");
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(corrupted);
    }


    private static java.util.Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file); // not Files.isWritable: root may write anything
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path single(Path directory, String prefix) {
        List<Path> found = siblings(directory, prefix);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<Path> siblings(Path directory, String prefix) {
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
