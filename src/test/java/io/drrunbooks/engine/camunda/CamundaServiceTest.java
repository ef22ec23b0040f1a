package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.WorkerId;
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
import java.util.ArrayList;
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

    /** The stand-in cluster never ends a run: an earlier test's run would hold the target root (409) for good. */
    @org.junit.jupiter.api.BeforeEach
    void freeTargetRoot() {
        new org.springframework.jdbc.core.JdbcTemplate(context.getBean(javax.sql.DataSource.class)).update("DELETE FROM dr_target_hold");
    }

    @DynamicPropertySource
    static void camunda(DynamicPropertyRegistry registry) throws IOException {
        Path home = Files.createTempDirectory("dr-camunda-test");
        registry.add("dr.engine", () -> "camunda");
        registry.add("camunda.client.rest-address", () -> GATEWAY.address().toString());
        registry.add("dr.home", home::toString);
        registry.add("dr.step-lock-duration", () -> "PT7M");
        registry.add("dr.target.root", () -> home.resolve("target").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + home.resolve("db/dr") + ";AUTO_SERVER=TRUE");
        TestUsers.configure(registry);
        // an instance of its own for every run, as on a cluster
        GATEWAY.on("POST", "/v2/process-instances", request -> Response.ok(Map.of("processInstanceKey",
                String.valueOf(instanceOf(request.json().at("/variables/runId").asText())),
                "processDefinitionId", request.json().path("processDefinitionId").asText(), "processDefinitionKey", "1", "processDefinitionVersion", 1,
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
        // the starter's cluster check is off: it would name the engine in the health document
        List<String> healthComponents = new ArrayList<>();
        get("/actuator/health").body().path("components").fieldNames().forEachRemaining(healthComponents::add);
        assertThat(healthComponents).contains("db").noneMatch(component -> component.toLowerCase().contains("camunda"));
    }

    @Test
    void theStartersClientTakesJobsUnderThisInstancesNameWithTheStepLockDurationAsTimeout() throws Exception {
        eventually(() -> GATEWAY.lastActivation("stop-services").isPresent());
        JsonNode activation = GATEWAY.lastActivation("stop-services").orElseThrow().json();

        assertThat(activation.path("worker").asText()).isEqualTo(WorkerId.of(Path.of(context.getEnvironment().getProperty("dr.home"))));
        assertThat(activation.path("timeout").asLong()).isEqualTo(Duration.ofMinutes(7).toMillis());
        assertThat(context.getBeansOfType(CamundaClient.class)).hasSize(1);
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
        GATEWAY.queueJob("stop-services", job(9001, "stop-services", "registry-corruption", instanceOf(runId), Map.of("runId", runId)));
        eventually(() -> !GATEWAY.requests("POST", "/v2/jobs/9001/completion").isEmpty());
        eventually(() -> get("/api/runs/" + runId + "/audit").body().findValuesAsText("type").contains("step.completed"));
        assertThat(get("/api/runs/" + runId + "/audit").body().get(0).get("type").asText()).isEqualTo("run.started");
    }

    @Test
    void anApprovalIsCheckedAgainstItsFormAndCompletedOnTheCluster() throws Exception {
        String runId = post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":\"drill\",\"startedBy\":\"ic-2\"}")
                .body().get("runId").asText();
        long instance = instanceOf(runId);
        Map<String, Object> task = Map.of("userTaskKey", String.valueOf(TASK), "name", "Approve restore", "state", "CREATED",
                "elementId", "approve-restore", "candidateGroups", List.of("approver"), "processInstanceKey", String.valueOf(instance),
                "formKey", "2251799813685002", "creationDate", "2026-11-26T01:05:00.000Z", "processDefinitionKey", "1");
        GATEWAY.on("POST", "/v2/user-tasks/search", request -> Response.ok(Map.of("items", List.of(task), "page", Map.of("totalItems", 1))));
        GATEWAY.on("GET", "/v2/user-tasks/" + TASK, request -> Response.ok(task));
        GATEWAY.on("POST", "/v2/user-tasks/" + TASK + "/variables/search", request -> Response.ok(Map.of("items", List.of(
                Map.of("variableKey", "1", "name", "runId", "value", "\"" + runId + "\"", "scopeKey", String.valueOf(instance),
                        "processInstanceKey", String.valueOf(instance), "isTruncated", false)), "page", Map.of("totalItems", 1))));
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

    @Test
    void eachFiringOfAScheduleStartsARunOfItsOwnAndARedeliveryNone() throws Exception {
        // two firings of the daily schedule: two timer-started instances, neither with a runId
        GATEWAY.queueJob("start-scheduled-run", job(9101, "start-scheduled-run", "schedule-daily-backup", 2251799813693001L, Map.of()));
        GATEWAY.queueJob("start-scheduled-run", job(9103, "start-scheduled-run", "schedule-daily-backup", 2251799813693002L, Map.of()));

        eventually(() -> GATEWAY.requests("POST", "/v2/jobs/910[13]/completion").size() == 2);
        String first = GATEWAY.requests("POST", "/v2/jobs/9101/completion").get(0).json().at("/variables/startedRunId").asText();
        String second = GATEWAY.requests("POST", "/v2/jobs/9103/completion").get(0).json().at("/variables/startedRunId").asText();

        assertThat(first).isNotBlank().isNotEqualTo("null");
        assertThat(second).isNotBlank().isNotEqualTo(first);
        for (String runId : List.of(first, second)) {
            JsonNode run = get("/api/runs/" + runId).body();
            assertThat(run.get("runbook").asText()).isEqualTo("backup");
            assertThat(run.get("startedBy").asText()).isEqualTo("schedule");
        }
        // each firing's step finds what it started under its own instance's run id
        assertThat(get("/api/runs/run-2251799813693001/audit").body().findValuesAsText("type")).contains("schedule.started-run");

        // the first firing's job delivered again (its completion was lost): the run it started, no new one
        int backupsStarted = backupStarts();
        GATEWAY.queueJob("start-scheduled-run", job(9101, "start-scheduled-run", "schedule-daily-backup", 2251799813693001L, Map.of()));
        eventually(() -> GATEWAY.requests("POST", "/v2/jobs/9101/completion").size() == 2);
        assertThat(GATEWAY.requests("POST", "/v2/jobs/9101/completion").get(1).json().at("/variables/startedRunId").asText())
                .isEqualTo(first);
        assertThat(backupStarts()).isEqualTo(backupsStarted);
    }

    /** The process instance key the stand-in gives the run. */
    private static long instanceOf(String runId) {
        return INSTANCE + (runId.hashCode() & 0xffffL);
    }

    private static int backupStarts() {
        return (int) GATEWAY.requests("POST", "/v2/process-instances").stream()
                .filter(request -> request.json().path("processDefinitionId").asText().equals("backup")).count();
    }

    /** A job as the REST API hands it out. */
    private static Map<String, Object> job(long key, String type, String processId, long instance, Map<String, Object> variables) {
        return Map.ofEntries(Map.entry("jobKey", String.valueOf(key)), Map.entry("type", type),
                Map.entry("processInstanceKey", String.valueOf(instance)), Map.entry("processDefinitionId", processId),
                Map.entry("processDefinitionVersion", 1), Map.entry("processDefinitionKey", "1"), Map.entry("elementId", type),
                Map.entry("elementInstanceKey", String.valueOf(key + 1)), Map.entry("customHeaders", Map.of()),
                Map.entry("worker", "dr-test"), Map.entry("retries", 3), Map.entry("deadline", System.currentTimeMillis() + 60_000),
                Map.entry("variables", variables), Map.entry("tenantId", "<default>"), Map.entry("kind", "BPMN_ELEMENT"),
                Map.entry("listenerEventType", "UNSPECIFIED"));
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
