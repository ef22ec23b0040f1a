package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.restore.QuarantineList;
import io.drrunbooks.restore.RestoreOptions;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same job delivered twice: the second delivery changes nothing and is audited as a repeat; a job delivered
 * again after its process died half-way finishes the work it had begun.
 */
class IdempotentStepsTest extends ServiceTest {

    @Autowired
    List<StepHandler> handlers;
    @Autowired
    StepAudit observer;
    @Autowired
    AuditTrail audit;
    @Autowired
    RunTargets targets;

    @Test
    void destructiveStepsDeliveredTwiceDoTheirWorkOnce() {
        BackupSet set = backup();
        corruptRegistry();
        StepInvoker invoker = new StepInvoker(handlers, observer);
        String runId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>(Map.of("runId", runId, "startedBy", "ic", "runReason", "test",
                "dataSets", List.of("registry"), "targetRoot", root().toString(), "rpo", "PT24H",
                "startedAt", Instant.now().toString(), "drill", false));

        variables.putAll(twice(invoker, runId, "quarantine-data-sets", variables));
        assertThat(root().resolve("var").toFile().list()).filteredOn(n -> n.startsWith("registry.corrupted.") && !n.endsWith(".files.json")).hasSize(1);

        variables.put("backupSetId", set.id());
        twice(invoker, runId, "restore-data-sets", variables);
        Map<String, String> restored = PlatformGodFixture.hashes(registry());
        assertThat(root().resolve("var").toFile().list()).filteredOn(n -> n.contains(".replaced.")).isEmpty();

        variables.put("dataSet", "state");
        twice(invoker, runId, "restore-data-set", variables);
        assertThat(root().resolve("var").toFile().list()).filteredOn(n -> n.startsWith("state.replaced.")).hasSize(1);

        twice(invoker, runId, "write-daily-backup", variables);
        assertThat(backups.list()).hasSize(2);

        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(restored);
        assertThat(types(runId).stream().filter("step.repeated"::equals)).hasSize(4);
        assertThat(audit.check(runId).intact()).isTrue();
    }

    @Test
    void aQuarantineCutShortBetweenTheMoveAndItsRecordIsFinishedWhenTheJobComesAgainAndARejectionMovesItBack() {
        corruptRegistry();
        Map<String, String> corrupted = PlatformGodFixture.hashes(registry());
        StepInvoker invoker = new StepInvoker(handlers, observer);
        String runId = UUID.randomUUID().toString();
        Map<String, Object> variables = Map.of("runId", runId, "startedBy", "ic", "runReason", "test",
                "dataSets", List.of("registry"), "targetRoot", root().toString(), "drill", false);
        StepContext delivery = new StepContext(runId, "test", "quarantine-step", "quarantine-data-sets", "quarantine-job", 2,
                variables);
        // The first delivery's process dies once the registry is moved aside, before the quarantine is in the trail.
        QuarantineStep dying = new QuarantineStep(targets, new Restorer(new RestoreOptions(Clock.systemUTC(), (type, detail) -> {
            if (type.equals("quarantined")) {
                throw new IllegalStateException("killed after the move");
            }
        })), audit);
        assertThatThrownBy(() -> dying.execute(delivery)).hasMessageContaining("killed after the move");
        assertThat(registry()).doesNotExist();
        assertThat(types(runId)).containsExactly("data-set.quarantining");

        StepInvoker.Outcome again = invoker.invoke(delivery);

        assertThat(again).isInstanceOf(StepInvoker.Outcome.Completed.class);
        Map<String, Object> output = ((StepInvoker.Outcome.Completed) again).variables();
        Path quarantined = Path.of(String.valueOf(((Map<?, ?>) output.get("quarantines")).get("registry")));
        assertThat(quarantined.getFileName().toString()).startsWith("registry.corrupted.");
        assertThat(root().resolve("var").toFile().list()).filteredOn(n -> n.startsWith("registry.corrupted.") && !n.endsWith(".files.json")).hasSize(1);
        assertThat(PlatformGodFixture.hashes(quarantined)).isEqualTo(corrupted);
        assertThat(types(runId)).containsExactly("data-set.quarantining", "step.started", "data-set.quarantined", "step.completed");
        AuditEvent recorded = audit.first(runId, QuarantineStep.EVENT, detail -> true).orElseThrow();
        assertThat(recorded.detail()).containsEntry("quarantined", quarantined.toString()).containsEntry("fileCount", corrupted.size());
        assertThat(QuarantineList.read(quarantined, recorded.detail().get("fileListSha256").toString())).isEqualTo(corrupted);

        Map<String, Object> rejected = new HashMap<>(variables);
        rejected.putAll(output);
        StepInvoker.Outcome released = invoker.invoke(new StepContext(runId, "test", "release-step", "release-quarantine",
                "release-job", 2, rejected));

        assertThat(released).isInstanceOf(StepInvoker.Outcome.Completed.class);
        assertThat(((StepInvoker.Outcome.Completed) released).variables()).containsEntry("outcome", "REJECTED");
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(corrupted);
        assertThat(quarantined).doesNotExist();
        assertThat(audit.check(runId).intact()).isTrue();
    }

    private List<String> types(String runId) {
        return audit.events(runId).stream().map(AuditEvent::type).toList();
    }

    /** Runs the step twice with the same job key, as an engine redelivering it would, and returns its output. */
    private static Map<String, Object> twice(StepInvoker invoker, String runId, String jobType, Map<String, Object> variables) {
        String jobKey = jobType + "-job";
        StepContext context = new StepContext(runId, "test", jobType + "-step", jobType, jobKey, 2, Map.copyOf(variables));
        StepInvoker.Outcome first = invoker.invoke(context);
        assertThat(first).as(jobType).isInstanceOf(StepInvoker.Outcome.Completed.class);
        assertThat(invoker.invoke(context)).as(jobType + " again").isInstanceOf(StepInvoker.Outcome.Completed.class);
        return ((StepInvoker.Outcome.Completed) first).variables();
    }
}
