package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill's scratch copy goes whenever the drill ends: canceled, failed, or ended while nobody was
 * there to remove it (swept at the service's start); only the copy of an active drill stays.
 */
@ExtendWith(OutputCaptureExtension.class)
class DrillCleanupTest extends ServiceTest {


    @LocalServerPort
    int port;
    @Autowired
    DrillScratch drills;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void aCanceledDrillTakesItsScratchCopyWithIt() {
        backup();
        String runId = api.start(start("registry-corruption", "\"drill\":true"));
        api.awaitTask(runId, "approve-restore");
        assertThat(scratch(runId).resolve("var/state")).isDirectory();
        Api.Response noReason = api.post("/api/runs/" + runId + "/cancel", "");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("message").asText()).startsWith("reason is required");
        assertThat(scratch(runId)).isDirectory();

        assertThat(api.post("/api/runs/" + runId + "/cancel", "{\"reason\":\"the drill is over\"}").status()).isEqualTo(200);

        assertThat(scratch(runId)).doesNotExist();
        assertThat(api.event(runId, "run.canceled").get("detail").get("drillScratch").asText()).isEqualTo("removed " + scratch(runId));
    }

    @Test
    void aDrillWhoseStepFailsForGoodKeepsItsCopyUntilItIsCanceled() {
        BackupSet set = backup();
        String runId = api.start(start("server-loss", "\"drill\":true,\"backupSet\":\"" + set.id() + "\""));
        api.completeServerLossTasks(runId, "install-runtime", false);
        String clone = api.awaitTask(runId, "clone-repository");
        assertThat(scratch(runId)).isDirectory();
        FileSystemUtils.deleteRecursively(set.directory().toFile()); // the chosen set is gone before the restore

        api.complete(clone, "{\"repositoryCloned\":true}");

        eventually("the drill failed", () -> api.get("/api/runs/" + runId).body().get("state").asText().equals("FAILED"));
        // the run waits at its incident, where an operator may retry the step: the copy it works on stays
        drills.sweep();
        assertThat(scratch(runId)).isDirectory();

        assertThat(api.post("/api/runs/" + runId + "/cancel", "{\"reason\":\"the set is gone\"}").status()).isEqualTo(200);
        assertThat(scratch(runId)).doesNotExist();
        assertThat(api.event(runId, "run.canceled").get("detail").get("drillScratch").asText()).isEqualTo("removed " + scratch(runId));
    }

    @Test
    void atStartTheCopiesOfRunsNoLongerActiveAreRemovedAndLogged(CapturedOutput log) throws IOException {
        backup();
        String active = api.start(start("registry-corruption", "\"drill\":true"));
        api.awaitTask(active, "approve-restore");
        String ended = api.start(start("registry-corruption", "\"drill\":true"));
        api.awaitTask(ended, "approve-restore");
        engine.cancel(ended, "ended behind the run service's back, as a crash would"); // leaves its copy
        Path unknown = scratch(UUID.randomUUID().toString());
        PlatformGodFixture.write(unknown, "var/registry/agents/alpha.yaml", "name: alpha\n");
        for (Path copy : new Path[] {scratch(active), scratch(ended), unknown}) {
            Files.setLastModifiedTime(copy, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        Path starting = scratch(UUID.randomUUID().toString()); // a drill starting while the service starts
        Files.createDirectories(starting);

        drills.sweep();

        assertThat(scratch(ended)).doesNotExist();
        assertThat(unknown).doesNotExist();
        assertThat(scratch(active).resolve("var/state")).isDirectory();
        assertThat(starting).isDirectory();
        assertThat(log.getOut()).contains("removed the scratch copy " + scratch(ended) + " of drill " + ended + ", which is CANCELED")
                .contains("removed the scratch copy " + unknown + " of drill " + unknown.getFileName() + ", which is unknown to the engine");

        api.complete(api.awaitTask(active, "approve-restore"), "{\"approved\":true}");
        assertThat(api.awaitEnd(active).get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(scratch(active)).doesNotExist();
        Files.delete(starting);
    }

    private Path scratch(String runId) {
        return HOME.resolve("drills").resolve(runId);
    }

    private static String start(String runbook, String fields) {
        return "{\"runbook\":\"" + runbook + "\",\"reason\":\"test\"," + fields + "}";
    }
}
