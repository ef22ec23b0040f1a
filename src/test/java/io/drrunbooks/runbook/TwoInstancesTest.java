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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** Instances sharing a database share the key that signs its trails' heads: generated here once. */
    @BeforeEach
    void sharedSigningKey() {
        io.drrunbooks.auditexport.SigningKey.configured(null, dir.resolve("shared-key"));
    }

    @Test
    void aRunStartedOnOneInstanceIsApprovedOnTheOtherAndEachStepRunsOnce() {
        String database = PostgreSql.freshSchemaUrl("dr_two");
        Path root = dir.resolve("shared-target");
        PlatformGodFixture.create(root);
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

    /** Issue 12, item 2: the hold is claimed in the shared database, so two instances cannot both recover one root. */
    @Test
    void ofTwoRealRecoveriesStartedAtOnceOnTwoInstancesExactlyOneStarts() throws Exception {
        String database = PostgreSql.freshSchemaUrl("dr_two_holds");
        Path root = dir.resolve("shared-target");
        PlatformGodFixture.create(root);
        try (ConfigurableApplicationContext a = start("a", database, root);
             ConfigurableApplicationContext b = start("b", database, root)) {
            a.getBean(BackupSets.class).write(a.getBean(Target.class).layout(), a.getBean(Target.class).layout().dailyDataSets());
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 5; round++) {
                    CyclicBarrier together = new CyclicBarrier(2);
                    List<Future<String>> starts = threads.invokeAll(List.of(startAt(a, together), startAt(b, together)));
                    List<String> outcomes = new ArrayList<>();
                    for (Future<String> start : starts) {
                        outcomes.add(start.get());
                    }
                    List<String> started = outcomes.stream().filter(outcome -> !outcome.startsWith("409")).toList();
                    assertThat(started).as("round " + round + ": " + outcomes).hasSize(1);
                    assertThat(outcomes).as("the refusal names the holder").anySatisfy(outcome -> assertThat(outcome)
                            .startsWith("409").contains(started.get(0)));
                    RunService runs = a.getBean(RunService.class);
                    // canceled where it waits, not in the middle of a step another thread is completing
                    ServiceTest.eventually("the approval of " + started.get(0), () -> !runs.tasks(started.get(0)).isEmpty());
                    runs.cancel(started.get(0), "next round", "ic");
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static Callable<String> startAt(ConfigurableApplicationContext instance, CyclicBarrier together) {
        return () -> {
            together.await();
            try {
                return instance.getBean(RunService.class).start(new StartRequest("registry-corruption", "two instances", "ic", Map.of()));
            } catch (TargetHeldException held) {
                return "409 held by " + held.heldBy();
            }
        };
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
