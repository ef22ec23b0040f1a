package io.drrunbooks.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.Api.Response;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST contract over real HTTP, including bad input. */
class RestApiTest extends ServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    @Test
    void recoveryStartedAndApprovedOverHttpLeavesTheRegistryAsTheSetAndAVerifiableChain() throws Exception {
        BackupSet set = backup();
        Map<String, String> good = PlatformGodFixture.hashes(registry());
        corruptRegistry();

        Response started = post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":\"agents fail to list\",\"startedBy\":\"ic-1\"}");
        assertThat(started.status()).isEqualTo(201);
        String runId = started.body().get("runId").asText();

        eventually("the approval task", () -> get("/api/tasks?runId=" + runId).body().size() == 1);
        JsonNode task = get("/api/tasks?runId=" + runId).body().get(0);
        assertThat(task.get("runId").asText()).isEqualTo(runId);
        assertThat(task.get("formId").asText()).isEqualTo("approve-restore");
        assertThat(task.get("name").asText()).isEqualTo("Approve restore");
        String taskId = task.get("taskId").asText();

        JsonNode form = get("/api/tasks/" + taskId + "/form").body();
        assertThat(form.at("/schema/id").asText()).isEqualTo("approve-restore");
        assertThat(form.at("/data/backupSetId").asText()).isEqualTo(set.id());

        assertThat(post("/api/tasks/" + taskId + "/complete", "{\"variables\":{\"approved\":true}}").status()).isEqualTo(200);
        Response second = post("/api/tasks/" + taskId + "/complete", "{\"variables\":{\"approved\":true}}");
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.body().get("message").asText()).contains(taskId).contains("not open");

        eventually("the run's end", () -> !get("/api/runs/" + runId).body().get("state").asText().equals("ACTIVE"));
        JsonNode run = get("/api/runs/" + runId).body();
        assertThat(run.get("runbook").asText()).isEqualTo("registry-corruption");
        assertThat(run.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(run.get("rto").asText()).isEqualTo("PT1H");
        assertThat(run.get("rtoBreached").asBoolean()).isFalse();
        assertThat(run.get("reason").asText()).isEqualTo("agents fail to list");
        assertThat(run.get("startedBy").asText()).isEqualTo("ic-1");
        for (String field : List.of("startedAt", "endedAt", "rtoDeadline", "activeSteps", "completedSteps")) {
            assertThat(run.has(field)).as(field).isTrue();
        }
        assertThat(run.at("/completedSteps/0/step").asText()).isEqualTo("stop-services");
        assertThat(run.at("/completedSteps/0/startedAt").isTextual()).isTrue();
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(good);
        assertThat(get("/api/runs").body().get(0).get("runId").asText()).isEqualTo(runId);
        JsonNode newest = get("/api/runs?limit=1").body();
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0).get("runId").asText()).isEqualTo(runId);

        JsonNode trail = get("/api/runs/" + runId + "/audit").body();
        List<AuditEvent> events = Arrays.asList(json.treeToValue(trail, AuditEvent[].class)).stream()
                .map(e -> new AuditEvent(runId, e.seq(), e.at(), e.actor(), e.type(), e.step(), e.detail(), e.hash(), e.prevHash()))
                .toList();
        assertThat(events).isNotEmpty();
        assertThat(AuditTrail.check(runId, events).intact()).isTrue();
        JsonNode all = get("/api/audit/verify").body();
        assertThat(all.get("intact").asBoolean()).isTrue();
        assertThat(all.get("runs").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(trail.get(0).fieldNames()).toIterable().containsExactly(
                "seq", "at", "actor", "type", "step", "detail", "hash", "prevHash");
    }

    @Test
    void backupsHealthAndInfo() throws Exception {
        BackupSet set = verifiedBackup();
        JsonNode backups = get("/api/backups").body();
        assertThat(backups).hasSize(1);
        JsonNode listed = backups.get(0);
        assertThat(listed.get("id").asText()).isEqualTo(set.id());
        assertThat(listed.get("sizeBytes").asLong()).isEqualTo(set.sizeBytes());
        assertThat(listed.get("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(listed.get("dataSets")).extracting(JsonNode::asText).containsExactly("registry", "state", "artifacts", "audit", "config");
        assertThat(listed.has("verified")).isTrue();
        assertThat(listed.has("createdAt")).isTrue();
        assertThat(get("/actuator/health").body().get("status").asText()).isEqualTo("UP");
        JsonNode info = get("/actuator/info").body();
        assertThat(info.get("engine").asText()).isEqualTo("embedded");
        assertThat(info.get("runbooks")).extracting(JsonNode::asText).contains("registry-corruption", "server-loss")
                .noneMatch(id -> id.equals("escalation") || id.startsWith("schedule-"));
    }

    @Test
    void aSetThatDoesNotOpenIsListedWithItsProblemAndDegradesHealth() throws Exception {
        BackupSet good = backup();
        BackupSet broken = backup();
        Path manifest = broken.directory().resolve("manifest.json");
        Files.writeString(manifest, "{\"formatVersion\": 1,");

        JsonNode backups = get("/api/backups").body();

        assertThat(backups).extracting(set -> set.get("id").asText()).containsExactly(broken.id(), good.id());
        JsonNode unreadable = backups.get(0);
        assertThat(unreadable.fieldNames()).toIterable().containsAll(() -> backups.get(1).fieldNames());
        assertThat(unreadable.get("verified").asBoolean(true)).isFalse();
        assertThat(unreadable.get("problem").asText()).contains(broken.id()).contains("manifest.json is malformed");
        assertThat(unreadable.get("dataSets")).isEmpty();
        assertThat(unreadable.get("createdAt").isTextual()).isTrue();
        assertThat(backups.get(1).get("problem").isNull()).isTrue();
        assertThat(backups.get(1).get("sizeBytes").asLong()).isEqualTo(good.sizeBytes());
        JsonNode health = get("/actuator/health").body().at("/components/backups");
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/details/newestSet").asText()).isEqualTo(good.id());
        assertThat(health.at("/details/unreadableNewerSets/" + broken.id()).asText()).contains("malformed");
    }

    @Test
    void badInputIsA4xxWithAJsonBodyNamingTheProblem() throws Exception {
        expectProblem(post("/api/runs", "{\"runbook\":\"no-such\",\"reason\":\"r\",\"startedBy\":\"me\"}"), 400, "no-such");
        expectProblem(post("/api/runs", "{\"runbook\":\"registry-corruption\",\"startedBy\":\"me\"}"), 400, "reason");
        expectProblem(post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":5,\"startedBy\":\"me\"}"), 400, "reason");
        expectProblem(post("/api/runs", "{\"runbook\": \"registry-corruption\","), 400, "not valid JSON");
        Response notJson = post("/api/runs", "{\"runbook\": \"registry-corruption\", }");
        assertThat(notJson.body().get("message").asText())
                .isEqualTo("the body is not valid JSON: Unexpected character '}': was expecting double-quote to start"
                        + " field name (line 1, column 36)");
        expectProblem(post("/api/runs", ""), 400, "the request has no body: send a JSON object");
        expectProblem(post("/api/runs", "[1,2]"), 400, "JSON object");
        expectProblem(get("/api/runs/nope"), 404, "nope");
        expectProblem(get("/api/runs/nope/audit"), 404, "nope");
        expectProblem(get("/api/tasks/nope/form"), 404, "nope");
        expectProblem(get("/api/tasks?runId=nope"), 404, "nope");
        expectProblem(post("/api/tasks/nope/complete", "{\"variables\":{}}"), 404, "nope");
        expectProblem(post("/api/tasks/nope/complete", "{\"approved\":true}"), 400, "variables");
        expectProblem(get("/api/nothing-here"), 404, "/api/nothing-here");
        expectProblem(get("/api/runs?limit=0"), 400, "limit");
        expectProblem(get("/api/runs?limit=many"), 400, "limit");
    }

    @Test
    void formValuesOfTheWrongShapeAreRefusedAndTheTaskStaysOpen() throws Exception {
        backup();
        corruptRegistry();
        String runId = post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":\"x\",\"startedBy\":\"ic\"}")
                .body().get("runId").asText();
        eventually("the approval task", () -> get("/api/tasks?runId=" + runId).body().size() == 1);
        String taskId = get("/api/tasks?runId=" + runId).body().get(0).get("taskId").asText();

        Response wrongType = post("/api/tasks/" + taskId + "/complete", "{\"variables\":{\"approved\":\"yes\"}}");
        expectProblem(wrongType, 400, "approved");
        assertThat(wrongType.body().at("/fields/approved").asText()).contains("boolean");
        expectProblem(post("/api/tasks/" + taskId + "/complete", "{\"variables\":{\"approved\":true,\"rm\":\"-rf\"}}"), 400, "rm");
        // a decision left out would take the gateway's default flow: it must be given, true or false
        for (String undecided : List.of("{\"variables\":{}}", "{\"variables\":{\"reason\":\"looks fine\"}}",
                "{\"variables\":{\"approved\":null}}")) {
            Response refused = post("/api/tasks/" + taskId + "/complete", undecided);
            expectProblem(refused, 400, "approved");
            assertThat(refused.body().at("/fields/approved").asText()).as(undecided).isEqualTo("is required");
        }
        assertThat(get("/api/tasks?runId=" + runId).body()).hasSize(1);

        post("/api/tasks/" + taskId + "/complete", "{\"variables\":{\"approved\":false}}");
        eventually("the run's end", () -> get("/api/runs/" + runId).body().get("outcome").asText("").equals("REJECTED"));
    }

    private static void expectProblem(Response response, int status, String named) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().get("message").asText()).as(response.raw()).contains(named);
        assertThat(response.raw()).doesNotContain("at io.drrunbooks").doesNotContain("Exception:");
    }

    private Response get(String path) {
        return new Api(port).get(path);
    }

    private Response post(String path, String body) {
        return new Api(port).post(path, body);
    }
}
