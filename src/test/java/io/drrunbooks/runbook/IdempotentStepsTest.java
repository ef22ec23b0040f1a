package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The same job delivered twice: the second delivery changes nothing and is audited as a repeat. */
class IdempotentStepsTest extends ServiceTest {

    @Autowired
    List<StepHandler> handlers;
    @Autowired
    StepAudit observer;
    @Autowired
    AuditTrail audit;

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
        assertThat(root().resolve("var").toFile().list()).filteredOn(n -> n.startsWith("registry.corrupted.")).hasSize(1);

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
        List<String> types = audit.events(runId).stream().map(AuditEvent::type).toList();
        assertThat(types.stream().filter("step.repeated"::equals)).hasSize(4);
        assertThat(audit.check(runId).intact()).isTrue();
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
