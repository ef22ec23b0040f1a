package io.drrunbooks.runbook;

import io.drrunbooks.DrRunbooksApplication;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.restore.RestoreOptions;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ChildJvm;
import io.drrunbooks.testsupport.CrashPlan;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.RealisticTree;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code registry-corruption} recovery (not a drill) whose service, a JVM of its own, is SIGKILLed at a random
 * point of the approved restore; the service then starts again on the same home. The start must finish or roll back
 * the interrupted restore and say so in the run's trail and report; the redelivered restore step must go on from
 * there; the run ends {@code RECOVERED} with the set's registry live and the {@code .corrupted.<epoch>} quarantine
 * still holding the damaged one.
 */
class RunbookCrashTest {

    @TempDir
    Path temp;

    @Test
    void aRecoveryKilledInsideItsRestoreIsFinishedOrRolledBackAtTheNextStartAndEndsRecovered() {
        CrashPlan plan = new CrashPlan("runbook", 1, "dr.crash.service-iterations");
        // twice the in-process time: the child runs colder, and points past the restore's end are cases to check too
        Duration restore = uncrashedRestore().multipliedBy(2);
        plan.log("kills spread over %d ms, twice an uncrashed restore of the registry in process", restore.toMillis());
        for (int i = 0; i < plan.iterations(); i++) {
            Path home = temp.resolve("home-" + i);
            Path root = home.resolve("target");
            RealisticTree.write(root, 0, 2000, 20);
            TargetLayout layout = TargetLayout.platformGod(root);
            new BackupSets(new BackupOptions(home.resolve("backups"), Clock.systemUTC(), "crash-test")).write(layout, layout.dailyDataSets());
            Map<String, String> registryInSet = PlatformGodFixture.hashes(root.resolve("var/registry"));
            PlatformGodFixture.write(root, "var/registry/agents/agent-0000.yaml", "broken: [\n");

            Duration delay = plan.pointWithin(restore);
            String runId;
            String expected;
            int port = freePort();
            try (ChildJvm service = ChildJvm.start(home.resolve("service.log"), args(home, port))) {
                Api api = new Api(port);
                service.awaitOrExit(() -> up(api), Duration.ofMinutes(3));
                runId = api.start("{\"runbook\":\"registry-corruption\",\"reason\":\"crash test\"}");
                api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true,\"reason\":\"crash test\"}");
                Path journal = root.resolve(".dr-restore");
                String id = runId;
                assertThat(service.awaitOrExit(() -> Files.exists(journal.resolve(id + ".registry.json"))
                        || Files.exists(journal.resolve(id + ".done.json")), Duration.ofMinutes(2))).isTrue();
                ChildJvm.sleep(delay);
                assertThat(service.kill()).as("a service only ends when killed").isTrue();
                boolean pending = Files.exists(journal.resolve(id + ".registry.json"));
                expected = !pending ? null : Files.exists(journal.resolve(id + ".done.json")) ? "finished" : "rolled back";
            }
            plan.log("kill %d, %d ms into the restore: %s", i + 1, delay.toMillis(),
                    expected == null ? "the restore had finished" : "restore in flight, to be " + expected);

            try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(DrRunbooksApplication.class)
                    .properties(TestUsers.properties()).run(args(home, 0).toArray(String[]::new))) {
                RunService runs = restarted.getBean(RunService.class);
                String id = runId;
                awaitEnd(runs, id);
                assertThat(runs.run(runId).orElseThrow().outcome()).isEqualTo("RECOVERED");
                AuditTrail audit = restarted.getBean(AuditTrail.class);
                List<AuditEvent> recovered = audit.events(runId).stream().filter(e -> e.type().equals("restore.recovered")).toList();
                AuditEvent report = audit.events(runId).stream().filter(e -> e.type().equals("run.report")).findFirst().orElseThrow();
                if (expected == null) {
                    assertThat(recovered).isEmpty();
                    assertThat(report.detail()).doesNotContainKey("interruptedRestore");
                } else {
                    assertThat(recovered).singleElement().satisfies(e -> assertThat(e.detail())
                            .containsEntry("outcome", expected).containsEntry("dataSet", "registry"));
                    assertThat(report.detail().get("interruptedRestore")).asString().contains(runId, "registry");
                }
                assertThat(audit.check(runId).intact()).isTrue();
            }
            assertThat(PlatformGodFixture.hashes(root.resolve("var/registry"))).isEqualTo(registryInSet);
            List<String> var = names(root.resolve("var"));
            assertThat(var).noneMatch(name -> name.contains(".staging."));
            String quarantine = var.stream().filter(name -> name.startsWith("registry.corrupted.")).findFirst().orElseThrow();
            assertThat(root.resolve("var").resolve(quarantine).resolve("agents/agent-0000.yaml")).hasContent("broken: [\n");
            assertThat(names(root.resolve(".dr-restore"))).allMatch(name -> name.endsWith(".done.json") || name.endsWith(".lock"));
        }
    }

    /** How long the restore step's work takes here: the same registry restored in this JVM. */
    private Duration uncrashedRestore() {
        Path root = temp.resolve("measure");
        RealisticTree.write(root, 0, 2000, 20);
        TargetLayout layout = TargetLayout.platformGod(root);
        BackupSet set = new BackupSets(new BackupOptions(temp.resolve("measure-backups"), Clock.systemUTC(), "crash-test"))
                .write(layout, layout.dataSets(List.of("registry")));
        long started = System.nanoTime();
        new Restorer(new RestoreOptions(Clock.systemUTC(), null)).restore(set, layout, List.of("registry"), "measure");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static List<String> args(Path home, int port) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--dr.home=" + home,
                "--dr.target.root=" + home.resolve("target"), "--dr.backup.root=" + home.resolve("backups"),
                "--dr.backup.daily-cron=", "--dr.backup.weekly-cron=", "--dr.backup.verify-cron=", "--dr.backup.prune-cron="));
        if (port != 0) { // the child; the restarted service gets the users as properties
            TestUsers.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        }
        return args;
    }

    private static boolean up(Api api) {
        try {
            return api.get("/actuator/health").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static void awaitEnd(RunService runs, String runId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (runs.run(runId).orElseThrow().state().equals("ACTIVE")) {
            assertThat(System.nanoTime()).as("run " + runId + " still active after 3 minutes").isLessThan(deadline);
            ChildJvm.sleep(Duration.ofMillis(50));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
