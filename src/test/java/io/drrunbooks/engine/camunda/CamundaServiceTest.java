package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.camunda.GatewayStandIn.Response;
import io.drrunbooks.engine.embedded.EmbeddedEngine;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service with {@code dr.engine=camunda} against the gateway stand-in: the same REST API
 * as on the embedded engine, the real step handlers behind the job workers, the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its job workers must not outlive the stand-in: they would poll it, and log, through later tests
class CamundaServiceTest {

    private static final GatewayStandIn GATEWAY = new GatewayStandIn();
    private static final long INSTANCE = 2251799813691001L;
    private static final long TASK = 2251799813691100L;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void camunda(DynamicPropertyRegistry registry) throws IOException {
        Path home = Files.createTempDirectory("dr-camunda-test");
        registry.add("dr.engine", () -> "camunda");
        registry.add("camunda.client.rest-address", () -> GATEWAY.address().toString());
        registry.add("dr.home", home::toString);
        registry.add("dr.target.root", () -> home.resolve("target").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + home.resolve("db/dr") + ";AUTO_SERVER=TRUE");
        TestUsers.configure(registry);
        GATEWAY.on("POST", "/v2/process-instances", request -> Response.ok(Map.of("processInstanceKey", String.valueOf(INSTANCE),
                "processDefinitionId", "registry-corruption", "processDefinitionKey", "1", "processDefinitionVersion", 1,
                "tenantId", "<default>", "variables", Map.of())));
        // the search API has not caught up with any run yet: the service shows them from their start
        GATEWAY.on("POST", "/v2/process-instances/search", request -> Response.ok(Map.of("items", List.of(), "page", Map.of("totalItems", 0))));
    }

    @AfterAll
    static void stop() {
        GATEWAY.close();
    }

    @Test
    void theCamundaEngineRunsAndOnlyInfoSaysSo() throws Exception {
        assertThat(context.getBeansOfType(EmbeddedEngine.class)).isEmpty();
        assertThat(context.getBean(RunbookEngine.class)).isInstanceOf(CamundaEngine.class);
        JsonNode info = get("/actuator/info").body();
        assertThat(info.get("engine").asText()).isEqualTo("camunda");
        assertThat(info.get("runbooks").toString()).contains("\"registry-corruption\"").contains("\"server-loss\"");
    }

    @Test
    void aRunStartedOverHttpRunsItsStepsOnTheClusterAndIsAudited() throws Exception {
        Api.Response started = post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":\"agents fail to list\",\"startedBy\":\"ic-1\"}");
        assertThat(started.status()).isEqualTo(201);
        String runId = started.body().get("runId").asText();
        // the run's start, not the escalation its start raises (a notification is a process of its own)
        JsonNode create = GATEWAY.requests("POST", "/v2/process-instances").stream().map(GatewayStandIn.Request::json)
                .filter(request -> request.path("processDefinitionId").asText().equals("registry-corruption"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(create.path("processDefinitionId").asText()).isEqualTo("registry-corruption");
        assertThat(create.at("/variables/runId").asText()).isEqualTo(runId);
        assertThat(create.at("/variables/rto").asText()).isEqualTo("PT1H");

        JsonNode run = get("/api/runs/" + runId).body();
        assertThat(run.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(run.get("runbook").asText()).isEqualTo("registry-corruption");
        assertThat(run.get("rto").asText()).isEqualTo("PT1H");
        assertThat(run.get("startedBy").asText()).isEqualTo("ic-1");
        assertThat(get("/api/runs").body().get(0).get("runId").asText()).isEqualTo(runId);
        assertThat(get("/api/runs/nope").status()).isEqualTo(404);

        // the real stop-services handler (no stop command configured: nothing to run) behind the worker
        GATEWAY.queueJob("stop-services", Map.ofEntries(Map.entry("jobKey", "9001"), Map.entry("type", "stop-services"),
                Map.entry("processInstanceKey", String.valueOf(INSTANCE)), Map.entry("processDefinitionId", "registry-corruption"),
                Map.entry("processDefinitionVersion", 1), Map.entry("processDefinitionKey", "1"), Map.entry("elementId", "stop-services"),
                Map.entry("elementInstanceKey", "9002"), Map.entry("customHeaders", Map.of()), Map.entry("worker", "dr-runbooks"),
                Map.entry("retries", 3), Map.entry("deadline", System.currentTimeMillis() + 60_000),
                Map.entry("variables", Map.of("runId", runId)), Map.entry("tenantId", "<default>"), Map.entry("kind", "BPMN_ELEMENT"),
                Map.entry("listenerEventType", "UNSPECIFIED")));
        eventually(() -> !GATEWAY.requests("POST", "/v2/jobs/9001/completion").isEmpty());
        eventually(() -> get("/api/runs/" + runId + "/audit").body().findValuesAsText("type").contains("step.completed"));
        assertThat(get("/api/runs/" + runId + "/audit").body().get(0).get("type").asText()).isEqualTo("run.started");
    }

    @Test
    void anApprovalIsCheckedAgainstItsFormAndCompletedOnTheCluster() throws Exception {
        String runId = post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":\"drill\",\"startedBy\":\"ic-2\"}")
                .body().get("runId").asText();
        Map<String, Object> task = Map.of("userTaskKey", String.valueOf(TASK), "name", "Approve restore", "state", "CREATED",
                "elementId", "approve-restore", "candidateGroups", List.of("approver"), "processInstanceKey", String.valueOf(INSTANCE),
                "formKey", "2251799813685002", "creationDate", "2026-11-26T01:05:00.000Z", "processDefinitionKey", "1");
        GATEWAY.on("POST", "/v2/user-tasks/search", request -> Response.ok(Map.of("items", List.of(task), "page", Map.of("totalItems", 1))));
        GATEWAY.on("GET", "/v2/user-tasks/" + TASK, request -> Response.ok(task));
        GATEWAY.on("POST", "/v2/user-tasks/" + TASK + "/variables/search", request -> Response.ok(Map.of("items", List.of(
                Map.of("variableKey", "1", "name", "runId", "value", "\"" + runId + "\"", "scopeKey", String.valueOf(INSTANCE),
                        "processInstanceKey", String.valueOf(INSTANCE), "isTruncated", false)), "page", Map.of("totalItems", 1))));
        GATEWAY.on("GET", "/v2/user-tasks/" + TASK + "/form", request -> Response.ok(Map.of("formKey", "2251799813685002",
                "formId", "approve-restore", "schema", "{}", "version", 1)));
        GATEWAY.on("POST", "/v2/user-tasks/" + TASK + "/completion", request -> new Response(204, null));

        JsonNode listed = get("/api/tasks?runId=" + runId).body().get(0);
        assertThat(listed.get("taskId").asText()).isEqualTo(String.valueOf(TASK));
        assertThat(listed.get("runId").asText()).isEqualTo(runId);
        assertThat(listed.get("formId").asText()).isEqualTo("approve-restore");
        assertThat(get("/api/tasks/" + TASK + "/form").body().at("/schema/id").asText()).isEqualTo("approve-restore");
        assertThat(post("/api/tasks/" + TASK + "/complete", "{\"variables\":{\"approved\":\"yes\"}}").status()).isEqualTo(400);
        assertThat(post("/api/tasks/" + TASK + "/complete", "{\"variables\":{\"approved\":true},\"actor\":\"approver-1\"}").status())
                .isEqualTo(200);

        JsonNode completion = GATEWAY.requests("POST", "/v2/user-tasks/" + TASK + "/completion").get(0).json();
        assertThat(completion.at("/variables/approved").asBoolean()).isTrue();
        JsonNode trail = get("/api/runs/" + runId + "/audit").body();
        assertThat(trail.get(trail.size() - 1).get("type").asText()).isEqualTo("task.completed");
        assertThat(trail.get(trail.size() - 1).get("actor").asText()).isEqualTo("approver-1");
    }

    private Api.Response get(String path) {
        return new Api(port).get(path);
    }

    private Api.Response post(String path, String body) {
        return new Api(port).post(path, body);
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
