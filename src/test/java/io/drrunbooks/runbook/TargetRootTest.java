package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 5: {@code targetRoot} is resolved to its real path, never {@code /} nor {@code dr.home},
 * only under {@code dr.target.allowed-roots}; and every approval form shows the resolved root.
 */
class TargetRootTest extends ServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    Forms forms;
    Api api;

    @BeforeEach
    void api() throws IOException {
        api = new Api(port);
        for (String scratch : List.of("to-slash", "live-link", "elsewhere", "empty", "standby")) {
            FileSystemUtils.deleteRecursively(HOME.resolve(scratch));
        }
    }

    @Test
    void theFileSystemRootAndTheServicesHomeAreRefusedAlsoThroughASymlink() throws IOException {
        Files.createSymbolicLink(HOME.resolve("to-slash"), Path.of("/"));

        assertRefused("server-loss", "/", "the whole file system");
        assertRefused("server-loss", HOME.resolve("to-slash").toString(), "resolves to /, the whole file system");
        assertRefused("server-loss", HOME.resolve("target/..").toString(), "this service's own dr.home");
        assertRefused("restore", HOME.toString(), "this service's own dr.home");
    }

    @Test
    void aRootOutsideTheAllowedOnesIsRefusedAndOnlyServerLossMayNameAnEmptyOne() throws IOException {
        PlatformGodFixture.write(HOME.resolve("elsewhere"), "var/state/run-001.json", "{}\n");
        Files.createDirectories(HOME.resolve("empty"));

        assertRefused("registry-corruption", HOME.resolve("elsewhere").toString(), "outside dr.target.allowed-roots");
        assertRefused("restore", HOME.resolve("empty").toString(), "outside dr.target.allowed-roots");
        assertRefused("server-loss", HOME.resolve("elsewhere").toString(), "outside dr.target.allowed-roots");

        targetProperties.setAllowedRoots(new ArrayList<>(List.of(HOME.resolve("standby"))));
        assertRefused("server-loss", HOME.resolve("empty").toString(), "outside dr.target.allowed-roots [" + TargetRoots.realPath(HOME.resolve("standby")) + "]");
        assertRefused("server-loss", root().toString(), "outside dr.target.allowed-roots");
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + HOME.resolve("standby/new-server") + "\""));
        assertThat(api.awaitEnd(runId).get("outcome").asText()).as("accepted, and no set to restore").isEqualTo("NO_USABLE_BACKUP");
    }

    @Test
    void aSymlinkToTheLiveRootIsResolvedHeldAsItAndShownOnTheApprovalForm() throws IOException {
        backup();
        corruptRegistry();
        Files.createSymbolicLink(HOME.resolve("live-link"), root());
        String real = root().toRealPath().toString();

        String runId = api.start(start("registry-corruption", "\"targetRoot\":\"" + HOME.resolve("live-link") + "\""));
        JsonNode form = api.get("/api/tasks/" + api.awaitTask(runId, "approve-restore") + "/form").body();

        assertThat(form.at("/data/targetRoot").asText()).isEqualTo(real);
        assertThat(form.at("/schema/components").findValuesAsText("text")).anySatisfy(text -> assertThat(text).contains("{{targetRoot}}"));
        Api.Response second = api.post("/api/runs", start("registry-corruption", ""));
        assertThat(second.status()).as("the link and the configured root are one root, held once").isEqualTo(409);
        cancel(runId);
    }

    @Test
    void everyFormAnApproverDecidesShowsTheTargetRoot() {
        for (String formId : List.of("approve-restore", "approve-merge", "confirm-config-restore", "approve-root-overwrite")) {
            assertThat(forms.schema(formId).orElseThrow().toString()).as(formId).contains("{{targetRoot}}");
        }
    }

    private void assertRefused(String runbook, String targetRoot, String why) {
        Api.Response refused = api.post("/api/runs", start(runbook, "\"targetRoot\":\"" + targetRoot + "\""));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("field 'targetRoot'").contains(why);
    }

    private void cancel(String runId) {
        assertThat(api.post("/api/runs/" + runId + "/cancel", "{\"reason\":\"test over\"}").status()).isEqualTo(200);
    }

    private static String start(String runbook, String fields) {
        return "{\"runbook\":\"" + runbook + "\",\"reason\":\"test\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }
}
