package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 4: server-loss onto a root that holds data (the live one, started without targetRoot)
 * is refused unless the start says {@code overwriteNonEmptyRoot}, and then needs another person's
 * approval, and the services stopped, before anything is restored.
 */
class ServerLossOnALiveRootTest extends ServiceTest {

    private static final String LATE_FILE = "var/state/run-after-the-set.json";

    @LocalServerPort
    int port;
    Api api;
    Path stops;

    @BeforeEach
    void api() throws IOException {
        api = new Api(port);
        stops = HOME.resolve("services-stopped");
        Files.deleteIfExists(stops);
        targetProperties.setStopCommand("echo stopped >> '" + stops + "'");
    }

    @Test
    void theLiveRootIsRefusedUnlessTheStartSaysSoExplicitly() {
        backup();
        Api.Response refused = api.post("/api/runs", start(""));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("field 'overwriteNonEmptyRoot'").contains("live dr.target.root");

        Api.Response notABoolean = api.post("/api/runs", start("\"overwriteNonEmptyRoot\":\"yes\""));
        assertThat(notABoolean.status()).isEqualTo(400);
        assertThat(notABoolean.body().get("message").asText()).contains("'overwriteNonEmptyRoot' must be true or false");
    }

    @Test
    void anApproverWhoDidNotStartItConfirmsAndServicesStopBeforeTheRestore() throws IOException {
        backup();
        PlatformGodFixture.write(root(), LATE_FILE, "{\"written\":\"after the set\"}\n");
        String runId = api.as(TestUsers.LEAD).start(start("\"overwriteNonEmptyRoot\":true"));
        api.completeServerLossTasks(runId, "clone-repository", false);

        String approval = api.awaitTask(runId, "approve-root-overwrite");
        JsonNode form = api.get("/api/tasks/" + approval + "/form").body();
        assertThat(form.at("/data/targetRoot").asText()).isEqualTo(root().toRealPath().toString());
        assertThat(root().resolve(LATE_FILE)).as("nothing restored before the approval").exists();
        assertThat(stops).as("nor the services stopped").doesNotExist();
        Api.Response ownApproval = api.as(TestUsers.LEAD).post("/api/tasks/" + approval + "/complete",
                "{\"variables\":{\"approved\":true}}");
        assertThat(ownApproval.status()).as(ownApproval.raw()).isEqualTo(403);
        assertThat(ownApproval.body().get("message").asText()).contains("four eyes");

        api.complete(approval, "{\"approved\":true,\"reason\":\"the live tree is beyond repair\"}");
        api.complete(api.awaitTask(runId, "confirm-config-restore"), "{\"overwriteConfig\":false}");
        api.complete(api.awaitTask(runId, "switch-dns"), "{\"dnsUpdated\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(Files.readString(stops)).isEqualTo("stopped\n");
        List<String> steps = run.get("completedSteps").findValuesAsText("step");
        assertThat(steps).contains("stop-services", "restore-data-set");
        assertThat(steps.indexOf("stop-services")).as("services stopped before the first restore").isLessThan(steps.indexOf("restore-data-set"));
        assertThat(root().resolve(LATE_FILE)).as("the live data replaced by the set's").doesNotExist();
    }

    @Test
    void aRejectedOverwriteLeavesTheLiveRootAndItsServicesAlone() throws IOException {
        backup();
        PlatformGodFixture.write(root(), LATE_FILE, "{\"written\":\"after the set\"}\n");
        String runId = api.start(start("\"overwriteNonEmptyRoot\":true"));
        api.completeServerLossTasks(runId, "clone-repository", false);

        api.complete(api.awaitTask(runId, "approve-root-overwrite"), "{\"approved\":false,\"reason\":\"use a new server\"}");

        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(root().resolve(LATE_FILE)).exists();
        assertThat(stops).doesNotExist();
    }

    private static String start(String fields) {
        return "{\"runbook\":\"server-loss\",\"reason\":\"test\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }
}
