package io.drrunbooks.runbook;

import io.drrunbooks.DrRunbooksApplication;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.Target;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.PostgreSql;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances sharing one PostgreSQL (spec 5.1): both serve the API, a run started on one is
 * approved on the other, and every step runs exactly once.
 */
class TwoInstancesTest {

    @TempDir
    Path dir;

    @Test
    void aRunStartedOnOneInstanceIsApprovedOnTheOtherAndEachStepRunsOnce() {
        String database = PostgreSql.freshSchemaUrl("dr_two");
        Path root = dir.resolve("shared-target");
        PlatformGodFixture.create(root);
        io.drrunbooks.auditexport.SigningKey.configured(null, dir.resolve("shared-key")); // generated there once
        try (ConfigurableApplicationContext a = start("a", database, root);
             ConfigurableApplicationContext b = start("b", database, root)) {
            a.getBean(BackupSets.class).write(a.getBean(Target.class).layout(), a.getBean(Target.class).layout().dailyDataSets());
            Map<String, String> good = PlatformGodFixture.hashes(root.resolve("var/registry"));
            PlatformGodFixture.write(root, "var/registry/agents/alpha.yaml", "broken: [\n");

            List<String> runIds = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runIds.add(a.getBean(RunService.class).start(new StartRequest("registry-corruption", "two instances", "ic",
                        Map.of("drill", true))));
            }
            RunService onB = b.getBean(RunService.class);
            for (String runId : runIds) {
                ServiceTest.eventually("the approval, seen on b", () -> !onB.tasks(runId).isEmpty());
                onB.completeTask(onB.tasks(runId).get(0).taskId(), Map.of("approved", true), "approver");
            }
            for (String runId : runIds) {
                ServiceTest.eventually("the end of " + runId, () -> !a.getBean(RunService.class).run(runId).orElseThrow()
                        .state().equals("ACTIVE"));
                assertThat(a.getBean(RunService.class).run(runId).orElseThrow().outcome()).isEqualTo("RECOVERED");
                List<AuditEvent> events = b.getBean(AuditTrail.class).events(runId);
                Map<String, Long> starts = events.stream().filter(e -> e.type().equals("step.started"))
                        .collect(Collectors.groupingBy(AuditEvent::step, Collectors.counting()));
                assertThat(starts).as("steps of " + runId).isNotEmpty().allSatisfy((step, count) -> assertThat(count).isOne());
                assertThat(b.getBean(AuditTrail.class).check(runId).intact()).isTrue();
            }
            assertThat(PlatformGodFixture.hashes(root.resolve("var/registry"))).isNotEqualTo(good); // drills: live untouched
        }
    }

    private ConfigurableApplicationContext start(String name, String database, Path root) {
        return new SpringApplicationBuilder(DrRunbooksApplication.class).properties(TestUsers.properties()).run(
                "--server.port=0", "--dr.home=" + dir.resolve(name), "--dr.target.root=" + root,
                "--dr.backup.root=" + dir.resolve("backups"), "--dr.datasource.url=" + database,
                "--dr.datasource.username=" + PostgreSql.USER, "--dr.backup.daily-cron=", "--dr.backup.weekly-cron=",
                "--dr.backup.verify-cron=", "--dr.backup.prune-cron=",
                // instances sharing a database share the key that signs each run's head, as the README says they must
                "--dr.audit.signing-key-file=" + dir.resolve("shared-key").resolve("audit-signing-key.pem"));
    }
}
