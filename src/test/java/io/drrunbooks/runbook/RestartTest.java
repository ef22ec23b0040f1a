package io.drrunbooks.runbook;

import io.drrunbooks.DrRunbooksApplication;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.target.Target;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.PostgreSql;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the service mid-run and starting it again continues the run where it was, on H2 and on PostgreSQL. */
class RestartTest {

    @TempDir
    Path home;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void aRunWaitingForApprovalAndARunInAStepBothGoOnAfterARestart(String database) {
        List<String> storage = database.equals("H2") ? List.of() : List.of("--dr.datasource.url="
                + PostgreSql.freshSchemaUrl("dr_restart"), "--dr.datasource.username=" + PostgreSql.USER);
        Path root = home.resolve("target");
        PlatformGodFixture.create(root);
        PlatformGodFixture.create(home.resolve("second-target"));
        String waiting;
        String stepping;
        try (ConfigurableApplicationContext first = start("sleep 2", storage)) {
            first.getBean(BackupSets.class).write(first.getBean(Target.class).layout(),
                    first.getBean(Target.class).layout().dailyDataSets());
            RunService runs = first.getBean(RunService.class);
            waiting = runs.start(new StartRequest("registry-corruption", "restart test", "ic", Map.of()));
            ServiceTest.eventually("the approval task", () -> !runs.tasks(waiting).isEmpty());
            PlatformGodFixture.write(root, "var/registry/agents/alpha.yaml", "broken: [\n");
            // on a root of its own: a second real recovery of the same root is refused while the first holds it
            stepping = runs.start(new StartRequest("restore", "restart test", "ic", Map.of("dataSets", List.of("state"),
                    "targetRoot", home.resolve("second-target").toString())));
            ServiceTest.eventually("the restore waiting for approval", () -> !runs.tasks(stepping).isEmpty());
            runs.completeTask(runs.tasks(stepping).get(0).taskId(), Map.of("approved", true), "approver");
            ServiceTest.eventually("the stop command running", () -> runs.run(stepping).orElseThrow().activeSteps()
                    .contains("stop-services"));
        } // closed while stop-services sleeps

        try (ConfigurableApplicationContext second = start("", storage)) {
            RunService runs = second.getBean(RunService.class);
            UserTask approval = runs.tasks(waiting).get(0);
            assertThat(approval.formId()).isEqualTo("approve-restore");
            runs.completeTask(approval.taskId(), Map.of("approved", true), "approver");
            ServiceTest.eventually("both runs done", () -> !runs.run(waiting).orElseThrow().state().equals("ACTIVE")
                    && !runs.run(stepping).orElseThrow().state().equals("ACTIVE"));
            assertThat(runs.run(waiting).orElseThrow().outcome()).isEqualTo("RECOVERED");
            assertThat(runs.run(stepping).orElseThrow().outcome()).isEqualTo("RECOVERED");
        }
    }

    private ConfigurableApplicationContext start(String stopCommand, List<String> storage) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--dr.home=" + home,
                "--dr.target.root=" + home.resolve("target"), "--dr.target.stop-command=" + stopCommand,
                "--dr.target.allowed-roots=" + home.resolve("target") + "," + home.resolve("second-target"),
                "--dr.backup.daily-cron=", "--dr.backup.weekly-cron=", "--dr.backup.verify-cron=", "--dr.backup.prune-cron="));
        args.addAll(storage);
        return new SpringApplicationBuilder(DrRunbooksApplication.class).properties(TestUsers.properties())
                .run(args.toArray(String[]::new));
    }
}
