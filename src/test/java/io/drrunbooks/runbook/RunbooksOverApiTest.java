package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each recovery runbook through the REST API alone, its user tasks completed through /api/tasks. */
class RunbooksOverApiTest extends ServiceTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void serverLossRebuildsTheNewServerFromTheNewestSet() throws IOException {
        backup();
        Path newServer = HOME.resolve("new-server-" + System.nanoTime());
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));

        api.complete(api.awaitTask(runId, "provision-server"), "{\"serverProvisioned\":true,\"diskReady\":true}");
        api.complete(api.awaitTask(runId, "install-runtime"), "{\"pythonInstalled\":true,\"dependenciesInstalled\":true}");
        api.complete(api.awaitTask(runId, "clone-repository"), "{\"repositoryCloned\":true}");
        JsonNode confirm = api.get("/api/tasks/" + api.awaitTask(runId, "confirm-config-restore") + "/form").body();
        assertThat(confirm.at("/schema/components/0/text").asText()).contains("This will overwrite .env");
        api.complete(api.awaitTask(runId, "confirm-config-restore"), "{\"overwriteConfig\":true}");
        api.complete(api.awaitTask(runId, "switch-dns"), "{\"dnsUpdated\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        for (String dataSet : new String[] {"registry", "state", "artifacts", "audit"}) {
            assertThat(PlatformGodFixture.hashes(newServer.resolve("var/" + dataSet)))
                    .as(dataSet).isEqualTo(PlatformGodFixture.hashes(root().resolve("var/" + dataSet)));
        }
        assertThat(newServer.resolve(".env")).hasSameBinaryContentAs(root().resolve(".env"));
        assertThat(run.get("completedSteps").findValuesAsText("step")).contains("restore-data-set", "verify-data-set",
                "restore-config", "check-health", "check-public-health", "finish-run");
        assertThat(run.get("completedSteps").get(0).has("rtoShare")).isTrue();
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void serverLossPastTheRpoAsksForConfirmationAndStopsWhenRefused() throws IOException {
        age(backup(), Duration.ofDays(3));
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + HOME.resolve("never") + "\""));

        String confirm = api.awaitTask(runId, "confirm-data-loss");
        assertThat(api.get("/api/tasks/" + confirm + "/form").body().at("/data/rpoCheck").asText()).contains("OUTSIDE");
        api.complete(confirm, "{\"confirmed\":false,\"reason\":\"wait for a newer set\"}");

        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("ABORTED");
        assertThat(HOME.resolve("never/var")).doesNotExist();
    }

    @Test
    void decliningTheConfigurationKeepsThePresentFiles() throws IOException {
        backup();
        Path newServer = HOME.resolve("new-server-" + System.nanoTime());
        PlatformGodFixture.write(newServer, ".env", "PGOD_API_KEY=the-new-servers-own\n");
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));
        for (String[] task : new String[][] {{"provision-server", "{\"serverProvisioned\":true,\"diskReady\":true}"},
                {"install-runtime", "{\"pythonInstalled\":true,\"dependenciesInstalled\":true}"},
                {"clone-repository", "{\"repositoryCloned\":true}"}, {"confirm-config-restore", "{\"overwriteConfig\":false}"},
                {"switch-dns", "{\"dnsUpdated\":true}"}}) {
            api.complete(api.awaitTask(runId, task[0]), task[1]);
        }
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(Files.readString(newServer.resolve(".env"))).isEqualTo("PGOD_API_KEY=the-new-servers-own\n");
    }

    @Test
    void aChecklistItemLeftUntickedIsRefused() {
        backup();
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + HOME.resolve("x-" + System.nanoTime()) + "\""));
        String task = api.awaitTask(runId, "provision-server");
        Api.Response refused = api.post("/api/tasks/" + task + "/complete", "{\"variables\":{\"serverProvisioned\":true}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/fields/diskReady").asText()).isEqualTo("is required");
    }

    @Test
    void aDrillLeavesTheLiveTreeByteIdenticalAndItsReportBehind() {
        backup();
        corruptRegistry(); // a drill recovers a copy of this, never the live tree
        Map<String, String> before = PlatformGodFixture.hashes(root());
        targetProperties.setStopCommand("echo stop >> " + HOME.resolve("services.log"));

        String runId = api.start(start("registry-corruption", "\"drill\":true"));
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(PlatformGodFixture.hashes(root())).isEqualTo(before);
        assertThat(HOME.resolve("services.log")).doesNotExist();
        assertThat(HOME.resolve("drills").resolve(runId)).doesNotExist();
        JsonNode report = api.report(runId);
        assertThat(report.get("drill").asBoolean()).isTrue();
        assertThat(report.get("rtoMet").asBoolean()).isTrue();
        assertThat(report.get("steps").findValuesAsText("step")).contains("restore-registry", "verify-recovery");
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void auditLogLossRestoresFindsTheGapAndMergesTheMissingRecordsBack() throws IOException {
        backup();
        Path external = HOME.resolve("external-audit");
        PlatformGodFixture.write(external, "2025-01-20.jsonl", "{\"event\":\"start\"}\n{\"event\":\"stop\"}\n"
                + "{\"event\":\"agent.run\",\"ts\":\"2025-01-20T10:00:00Z\"}\n"
                + "not json, but a record all the same\n"
                + "{\"event\":\"agent.run\",\"ts\":\"2025-01-20T10:05:00Z\"}\n");
        deleteTree(root().resolve("var/audit"));

        String runId = api.start(start("audit-log-loss", ""));
        String document = api.awaitTask(runId, "document-gap");
        JsonNode form = api.get("/api/tasks/" + document + "/form").body();
        assertThat(form.at("/data/missingRecords").asInt()).isEqualTo(3);
        assertThat(form.at("/data/gapRanges/0/first").asText()).isEqualTo("2025-01-20T10:00:00Z");
        assertThat(form.at("/data/gapRanges/0/last").asText()).isEqualTo("2025-01-20T10:05:00Z");
        api.complete(document, "{\"account\":\"disk failure at 10:07; records after the backup came from the forwarder\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        String merged;
        try (Stream<Path> files = Files.list(root().resolve("var/audit"))) {
            Path recovered = files.filter(p -> p.getFileName().toString().startsWith("recovered-")).findFirst().orElseThrow();
            merged = Files.readString(recovered);
        }
        assertThat(merged).contains("10:00:00Z").contains("not json, but a record all the same").contains("10:05:00Z")
                .doesNotContain("\"start\"");
        JsonNode trail = api.get("/api/runs/" + runId + "/audit").body();
        assertThat(trail.findValuesAsText("type")).contains("audit-gap.documented", "audit-records.merged");
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void selectiveRestoreAsksForTheDataSetsWhenNoneWereGiven() {
        backup();
        Map<String, String> state = PlatformGodFixture.hashes(root().resolve("var/state"));
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"overwritten\"}\n");
        Map<String, String> registry = PlatformGodFixture.hashes(registry());

        String runId = api.start(start("restore", ""));
        api.complete(api.awaitTask(runId, "choose-data-sets"), "{\"dataSets\":[\"state\"]}");
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(PlatformGodFixture.hashes(root().resolve("var/state"))).isEqualTo(state);
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(registry);
        assertThat(root().resolve("var").toFile().list()).anyMatch(name -> name.startsWith("state.replaced."));
    }

    @Test
    void anUnhealthyNewServerFailsVerificationAfterItsDataWasRestored() throws IOException {
        backup();
        targetProperties.setHealthUrl("http://127.0.0.1:1/health/status"); // nothing listens there
        targetProperties.setHealthTimeout(Duration.ofMillis(300));
        Path newServer = HOME.resolve("unhealthy-" + System.nanoTime());
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));
        for (String[] task : new String[][] {{"provision-server", "{\"serverProvisioned\":true,\"diskReady\":true}"},
                {"install-runtime", "{\"pythonInstalled\":true,\"dependenciesInstalled\":true}"},
                {"clone-repository", "{\"repositoryCloned\":true}"}, {"confirm-config-restore", "{\"overwriteConfig\":false}"}}) {
            api.complete(api.awaitTask(runId, task[0]), task[1]);
        }
        JsonNode run = api.awaitEnd(runId);
        assertThat(run.get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");
        assertThat(newServer.resolve("var/registry")).isDirectory();
        assertThat(api.get("/api/runs/" + runId + "/audit").raw()).contains("127.0.0.1:1");
    }

    @Test
    void aRejectedSelectiveRestoreChangesNothing() {
        backup();
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"kept\"}\n");
        Map<String, String> state = PlatformGodFixture.hashes(root().resolve("var/state"));
        String runId = api.start(start("restore", "\"dataSets\":[\"state\"]"));
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":false,\"reason\":\"not this one\"}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(PlatformGodFixture.hashes(root().resolve("var/state"))).isEqualTo(state);
    }

    @Test
    void aRejectedMergeLeavesTheGapDocumentedOnly() throws IOException {
        backup();
        PlatformGodFixture.write(HOME.resolve("external-audit"), "a.jsonl", "{\"ts\":\"2025-01-20T11:00:00Z\"}\n");
        String runId = api.start(start("audit-log-loss", ""));
        api.complete(api.awaitTask(runId, "document-gap"), "{\"account\":\"one record after the backup\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":false}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("GAP_DOCUMENTED");
        assertThat(root().resolve("var/audit").toFile().list()).noneMatch(name -> name.startsWith("recovered-"));
    }

    @Test
    void startFieldsOfTheWrongShapeAreRefused() {
        assertThat(api.post("/api/runs", start("restore", "\"dataSets\":[\"registry\",\"bogus\"]")).body().get("message").asText())
                .contains("bogus");
        assertThat(api.post("/api/runs", start("restore", "\"drill\":\"yes\"")).status()).isEqualTo(400);
        assertThat(api.post("/api/runs", start("server-loss", "\"targetRoot\":\"relative/path\"")).body().get("message").asText())
                .contains("absolute");
        assertThat(api.post("/api/runs", start("restore", "\"backupSet\":\"20990101_000000\"")).body().get("message").asText())
                .contains("20990101_000000");
    }

    private static String start(String runbook, String fields) {
        return "{\"runbook\":\"" + runbook + "\",\"reason\":\"test\",\"startedBy\":\"ic-1\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** Makes a set look older, as the manifest is what the catalogue reads its time from. */
    static void age(BackupSet set, Duration by) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path manifest = set.directory().resolve("manifest.json");
        ObjectNode tree = (ObjectNode) json.readTree(manifest.toFile());
        tree.put("createdAt", Instant.parse(tree.get("createdAt").asText()).minus(by).toString());
        json.writeValue(manifest.toFile(), tree);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
