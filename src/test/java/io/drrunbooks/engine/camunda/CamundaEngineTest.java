package io.drrunbooks.engine.camunda;

import io.drrunbooks.engine.embedded.DialectAdapter;

import io.drrunbooks.engine.Deployables;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.EngineRun.RunState;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.TaskNotOpenException;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.engine.camunda.GatewayStandIn.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.drrunbooks.engine.camunda.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Camunda 8 adapter at its protocol boundary: the real client against an in-process stand-in of
 * the REST API, with the models and forms that ship and test handlers for every job type in them.
 */
class CamundaEngineTest {

    private static final long INSTANCE = 2251799813690001L;

    private final GatewayStandIn gateway = new GatewayStandIn();
    private final EngineFixture fixture = new EngineFixture(gateway.address(), URI.create("http://127.0.0.1:1"), true);
    private final CamundaEngine engine = fixture.engine;

    @AfterEach
    void close() {
        fixture.close();
        gateway.close();
    }

    @Test
    void deploysEveryModelAndEveryFormInOneDeployment() {
        List<GatewayStandIn.Request> deployments = gateway.requests("POST", "/v2/deployments");
        assertThat(deployments).hasSize(1);
        Set<String> expected = fixture.resourceNames();
        assertThat(expected).contains("registry-corruption.bpmn", "approve-restore.form");
        Matcher names = Pattern.compile("filename=\"([^\"]+)\"").matcher(deployments.get(0).body());
        Set<String> sent = new TreeSet<>();
        while (names.find()) {
            sent.add(names.group(1));
        }
        assertThat(sent).isEqualTo(expected);
        List<String> shipped = Deployables.fromClasspath().models().stream()
                .flatMap(m -> new DialectAdapter().adapt(m.name(), m.content()).processIds().stream()).toList();
        assertThat(engine.deployedProcesses()).containsExactlyInAnyOrderElementsOf(shipped).contains("registry-corruption");
        assertThat(engine.name()).isEqualTo("camunda");
    }

    @Test
    void pollsForEveryJobTypeInTheModels() {
        Set<String> types = fixture.jobTypesInModels();
        assertThat(types).contains("stop-services", "select-backup", "restore-data-sets", "rto-breach");
        eventually("a worker per job type", () -> gateway.polledJobTypes().equals(types));
    }

    @Test
    void activatesJobsUnderThisInstancesNameWithTheStepLockDurationAsTimeout() {
        eventually("an activation of stop-services", () -> gateway.lastActivation("stop-services").isPresent());
        JsonNode activation = gateway.lastActivation("stop-services").orElseThrow().json();

        assertThat(activation.path("worker").asText()).isEqualTo(EngineFixture.WORKER_NAME);
        assertThat(activation.path("timeout").asLong()).isEqualTo(EngineFixture.STEP_LOCK_DURATION.toMillis());
        assertThat(activation.path("maxJobsToActivate").asInt()).isEqualTo(EngineFixture.WORKERS);
    }

    @Test
    void everyActivatedJobRunsAtOnceWhateverTheOtherTypesHold() {
        // each type's worker holds as many jobs as dr.engine-workers allows, together several times that:
        // a job that waited for a thread would wait while its timeout, counted from activation, runs out
        List<String> types = List.of("stop-services", "select-backup", "restore-data-sets");
        int jobs = types.size() * EngineFixture.WORKERS;
        CountDownLatch allRunning = new CountDownLatch(jobs);
        types.forEach(type -> fixture.behaviour.put(type, context -> {
            allRunning.countDown();
            return Map.of("allRunning", awaitQuietly(allRunning));
        }));
        long key = 7100;
        for (String type : types) {
            List<Map<String, Object>> ofType = new ArrayList<>();
            for (int i = 0; i < EngineFixture.WORKERS; i++) {
                ofType.add(job(key += 2, type, type, 3, Map.of("runId", "run-d")));
            }
            gateway.queueJob(type, ofType.toArray(Map[]::new));
        }

        for (long done = 7102; done <= key; done += 2) {
            assertThat(awaitOne("/v2/jobs/" + done + "/completion").json().at("/variables/allRunning").asBoolean())
                    .as("job %d ran while all %d were running", done, jobs).isTrue();
        }
    }

    @Test
    void completesAJobWithTheHandlersVariables() {
        fixture.behaviour.put("stop-services", context -> Map.of("stopped", true, "commands", List.of("pgod api stop")));
        gateway.queueJob("stop-services", job(7001, "stop-services", "stop-services", 3, Map.of("runId", "run-a", "rto", "PT1H")));

        JsonNode completion = awaitOne("/v2/jobs/7001/completion").json();

        assertThat(completion.path("variables").path("stopped").asBoolean()).isTrue();
        assertThat(completion.path("variables").path("commands").get(0).asText()).isEqualTo("pgod api stop");
        StepContext context = fixture.seen.get("stop-services");
        assertThat(context.runId()).isEqualTo("run-a");
        assertThat(context.processId()).isEqualTo("registry-corruption");
        assertThat(context.step()).isEqualTo("stop-services");
        assertThat(context.jobKey()).isEqualTo("7001");
        assertThat(context.retriesLeft()).isEqualTo(2);
        assertThat(context.string("rto")).isEqualTo("PT1H");
    }

    @Test
    void throwsABpmnErrorWithItsCodeMessageAndVariables() {
        fixture.behaviour.put("select-backup", context -> {
            throw new BpmnError("NO_USABLE_BACKUP", "no set verifies", Map.of("noUsableBackup", true));
        });
        gateway.queueJob("select-backup", job(7002, "select-backup", "select-backup", 3, Map.of("runId", "run-b")));

        JsonNode error = awaitOne("/v2/jobs/7002/error").json();

        assertThat(error.path("errorCode").asText()).isEqualTo("NO_USABLE_BACKUP");
        assertThat(error.path("errorMessage").asText()).isEqualTo("no set verifies");
        assertThat(error.path("variables").path("noUsableBackup").asBoolean()).isTrue();
        assertThat(gateway.requests("POST", "/v2/jobs/7002/(completion|failure)")).isEmpty();
    }

    @Test
    void failsAJobWithOneRetryFewerAndTheSharedBackoff() {
        fixture.behaviour.put("restore-data-sets", context -> {
            throw new IllegalStateException("disk full");
        });
        gateway.queueJob("restore-data-sets", job(7003, "restore-data-sets", "restore-registry", 3, Map.of("runId", "run-c")));
        gateway.queueJob("restore-data-sets", job(7004, "restore-data-sets", "restore-registry", 2, Map.of("runId", "run-c")));

        JsonNode first = awaitOne("/v2/jobs/7003/failure").json();
        JsonNode second = awaitOne("/v2/jobs/7004/failure").json();

        assertThat(first.path("retries").asInt()).isEqualTo(2);
        assertThat(first.path("errorMessage").asText()).isEqualTo("disk full");
        assertThat(first.path("retryBackOff").asLong()).isEqualTo(2_000);
        assertThat(second.path("retries").asInt()).isEqualTo(1);
        assertThat(second.path("retryBackOff").asLong()).isEqualTo(4_000);
    }

    @Test
    void startsByProcessIdWithTheRunIdAndShowsTheRunBeforeAndAfterTheSearchCatchesUp() {
        gateway.on("POST", "/v2/process-instances", request -> Response.ok(Map.of("processInstanceKey", String.valueOf(INSTANCE),
                "processDefinitionId", "registry-corruption", "processDefinitionKey", "1", "processDefinitionVersion", 1,
                "tenantId", "<default>", "variables", Map.of())));
        engine.start("registry-corruption", "run-1", Map.of("rto", "PT1H", "dataSets", List.of("registry")));

        JsonNode create = gateway.requests("POST", "/v2/process-instances").get(0).json();
        assertThat(create.path("processDefinitionId").asText()).isEqualTo("registry-corruption");
        assertThat(create.path("variables").path("runId").asText()).isEqualTo("run-1");
        assertThat(create.path("variables").path("dataSets").get(0).asText()).isEqualTo("registry");

        gateway.on("POST", "/v2/process-instances/search", request -> Response.ok(page()));
        EngineRun early = engine.run("run-1").orElseThrow();
        assertThat(early.state()).isEqualTo(RunState.ACTIVE);
        assertThat(early.variables()).containsEntry("rto", "PT1H").containsEntry("runId", "run-1");

        searchFinds("ACTIVE", false);
        EngineRun run = engine.run("run-1").orElseThrow();
        assertThat(run.runId()).isEqualTo("run-1");
        assertThat(run.processId()).isEqualTo("registry-corruption");
        assertThat(run.state()).isEqualTo(RunState.ACTIVE);
        assertThat(run.startedAt()).hasToString("2026-11-26T01:00:00Z");
        assertThat(run.activeSteps()).containsExactly("approve-restore");
        assertThat(run.completedSteps()).extracting(EngineRun.StepRecord::step).containsExactly("stop-services", "select-backup");
        assertThat(run.variables()).containsEntry("runId", "run-1").containsEntry("outcome", "RECOVERED")
                .containsEntry("dataSets", List.of("registry"));
        JsonNode variableSearch = gateway.requests("POST", "/v2/variables/search").get(0).json();
        assertThat(variableSearch.path("filter").toString()).contains(String.valueOf(INSTANCE));
        assertThat(engine.runs()).extracting(EngineRun::runId).containsExactly("run-1");
        assertThat(engine.run("unknown")).isEmpty();

        searchFinds("ACTIVE", true);
        assertThat(engine.run("run-1").orElseThrow().state()).isEqualTo(RunState.FAILED);
        searchFinds("TERMINATED", false);
        assertThat(engine.run("run-1").orElseThrow().state()).isEqualTo(RunState.CANCELED);
        searchFinds("COMPLETED", false);
        assertThat(engine.run("run-1").orElseThrow().state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void searchesAndCompletesUserTasks() {
        startRun("run-2");
        long taskKey = 2251799813690100L;
        Map<String, Object> task = serveTask(taskKey, "registry-corruption", INSTANCE,
                variable("runId", "\"run-2\""), variable("backupSetId", "\"20261126_010000\""));
        gateway.on("POST", "/v2/user-tasks/search", request -> Response.ok(page(task)));
        gateway.on("POST", "/v2/user-tasks/" + taskKey + "/completion", request -> new Response(204, null));

        List<UserTask> open = engine.tasks("run-2");

        JsonNode filter = gateway.requests("POST", "/v2/user-tasks/search").get(0).json().path("filter");
        assertThat(filter.path("state").path("$eq").asText()).isEqualTo("CREATED");
        assertThat(filter.path("processInstanceKey").asText()).isEqualTo(String.valueOf(INSTANCE));
        assertThat(open).hasSize(1);
        UserTask approval = open.get(0);
        assertThat(approval.taskId()).isEqualTo(String.valueOf(taskKey));
        assertThat(approval.runId()).isEqualTo("run-2");
        assertThat(approval.step()).isEqualTo("approve-restore");
        assertThat(approval.formId()).isEqualTo("approve-restore");
        assertThat(approval.candidateGroups()).containsExactly("approver");
        assertThat(approval.variables()).containsEntry("backupSetId", "20261126_010000");
        assertThat(engine.task(approval.taskId())).contains(approval);
        assertThat(engine.tasks("not-a-run")).isEmpty();

        engine.completeTask(approval.taskId(), Map.of("approved", true, "reason", "set looks right"));

        JsonNode completion = gateway.requests("POST", "/v2/user-tasks/" + taskKey + "/completion").get(0).json();
        assertThat(completion.path("variables").path("approved").asBoolean()).isTrue();
        assertThat(completion.path("variables").path("reason").asText()).isEqualTo("set looks right");
    }

    @Test
    void allOpenTasksAreThoseOfTheServicesOwnProcessesNotOfOthersInTheCluster() {
        startRun("run-4");
        Map<String, Object> ours = serveTask(2251799813690200L, "registry-corruption", INSTANCE, variable("runId", "\"run-4\""));
        Map<String, Object> foreign = serveTask(2251799813690300L, "invoice-approval", 2251799813699999L);
        // the cluster's search as it is: filtered by process id when asked to be, else every open task
        gateway.on("POST", "/v2/user-tasks/search", request -> {
            JsonNode processId = request.json().at("/filter/processDefinitionId");
            String wanted = processId.isObject() ? processId.path("$eq").asText() : processId.asText();
            return Response.ok(page(Stream.of(ours, foreign)
                    .filter(task -> wanted.isEmpty() || task.get("processDefinitionId").equals(wanted))
                    .toArray(Map[]::new)));
        });

        List<UserTask> open = engine.tasks(null);

        assertThat(open).extracting(UserTask::taskId).containsExactly("2251799813690200");
        assertThat(open.get(0).runId()).isEqualTo("run-4");
    }

    @Test
    void aTaskThatIsNotOpenIsReportedAsSuch() {
        gateway.on("POST", "/v2/user-tasks/41/completion", request -> Response.problem(409, "task already completed"));
        gateway.on("GET", "/v2/user-tasks/42", request -> Response.problem(404, "no such task"));
        gateway.on("GET", "/v2/user-tasks/43", request -> Response.problem(400, "not a valid user task key"));
        gateway.on("POST", "/v2/user-tasks/42/completion", request -> Response.problem(404, "no such task"));

        assertThatThrownBy(() -> engine.completeTask("41", Map.of())).isInstanceOf(TaskNotOpenException.class);
        assertThatThrownBy(() -> engine.completeTask("42", Map.of())).isInstanceOf(TaskNotOpenException.class);
        assertThatThrownBy(() -> engine.completeTask("not-a-key", Map.of())).isInstanceOf(TaskNotOpenException.class);
        assertThat(engine.task("42")).isEmpty();
        assertThat(engine.task("43")).isEmpty();
        assertThat(engine.task("not-a-key")).isEmpty();
    }

    @Test
    void cancelsTheRunsInstance() {
        startRun("run-3");
        gateway.on("POST", "/v2/process-instances/" + INSTANCE + "/cancellation", request -> new Response(204, null));

        engine.cancel("run-3", "drill over");

        assertThat(gateway.requests("POST", "/v2/process-instances/" + INSTANCE + "/cancellation")).hasSize(1);
        assertThatThrownBy(() -> engine.cancel("no-such-run", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    private void startRun(String runId) {
        gateway.on("POST", "/v2/process-instances", request -> Response.ok(Map.of("processInstanceKey", String.valueOf(INSTANCE),
                "processDefinitionId", "registry-corruption", "processDefinitionKey", "1", "processDefinitionVersion", 1,
                "tenantId", "<default>", "variables", Map.of())));
        engine.start("registry-corruption", runId, Map.of());
    }

    /** An open task of that process instance, as the REST API gets it, its variables and its form. */
    @SafeVarargs
    private Map<String, Object> serveTask(long taskKey, String processId, long instance, Map<String, Object>... variables) {
        Map<String, Object> task = obj("userTaskKey", String.valueOf(taskKey), "name", "Approve restore", "state", "CREATED",
                "elementId", "approve-restore", "candidateGroups", List.of("approver"), "candidateUsers", List.of(),
                "processDefinitionId", processId, "processInstanceKey", String.valueOf(instance),
                "formKey", "2251799813685002", "creationDate", "2026-11-26T01:05:00.000Z", "elementInstanceKey", "77",
                "processDefinitionKey", "1");
        gateway.on("GET", "/v2/user-tasks/" + taskKey, request -> Response.ok(task));
        gateway.on("POST", "/v2/user-tasks/" + taskKey + "/variables/search", request -> Response.ok(page(variables)));
        gateway.on("GET", "/v2/user-tasks/" + taskKey + "/form", request -> Response.ok(Map.of("formKey", "2251799813685002",
                "formId", "approve-restore", "schema", "{}", "version", 1, "tenantId", "<default>")));
        return task;
    }

    private void searchFinds(String state, boolean incident) {
        Map<String, Object> instance = obj("processInstanceKey", String.valueOf(INSTANCE),
                "processDefinitionId", "registry-corruption", "processDefinitionKey", "1", "processDefinitionVersion", 1,
                "startDate", "2026-11-26T01:00:00.000Z", "state", state, "hasIncident", incident, "tenantId", "<default>");
        if (!state.equals("ACTIVE")) {
            instance.put("endDate", "2026-11-26T01:30:00.000Z");
        }
        gateway.on("POST", "/v2/process-instances/search", request -> Response.ok(page(instance)));
        gateway.on("POST", "/v2/element-instances/search", request -> Response.ok(page(
                element("select-backup", "SERVICE_TASK", "COMPLETED", "01:02", "01:03"),
                element("recovery", "SUB_PROCESS", "ACTIVE", "01:00", null),
                element("approve-restore", "USER_TASK", "ACTIVE", "01:03", null),
                element("stop-services", "SERVICE_TASK", "COMPLETED", "01:00", "01:01"))));
        gateway.on("POST", "/v2/variables/search", request -> Response.ok(page(
                variable("runId", "\"run-1\""), variable("outcome", "\"RECOVERED\""), variable("dataSets", "[\"registry\"]"))));
    }

    private static Map<String, Object> element(String id, String type, String state, String start, String end) {
        Map<String, Object> element = obj("elementInstanceKey", String.valueOf(id.hashCode() & 0xffff),
                "processInstanceKey", String.valueOf(INSTANCE), "processDefinitionKey", "1", "processDefinitionId",
                "registry-corruption", "elementId", id, "elementName", id, "type", type, "state", state,
                "hasIncident", false, "startDate", "2026-11-26T" + start + ":00.000Z");
        if (end != null) {
            element.put("endDate", "2026-11-26T" + end + ":00.000Z");
        }
        return element;
    }

    private static Map<String, Object> variable(String name, String jsonValue) {
        return Map.of("variableKey", String.valueOf(name.hashCode() & 0xffff), "name", name, "value", jsonValue,
                "isTruncated", false, "scopeKey", String.valueOf(INSTANCE), "processInstanceKey", String.valueOf(INSTANCE),
                "tenantId", "<default>");
    }

    /** A JSON object from name, value pairs. */
    private static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    @SafeVarargs
    private static Map<String, Object> page(Map<String, Object>... items) {
        return Map.of("items", List.of(items), "page", Map.of("totalItems", items.length, "hasMoreTotalItems", false));
    }

    private static Map<String, Object> job(long key, String type, String elementId, int retries, Map<String, Object> variables) {
        return Map.ofEntries(Map.entry("jobKey", String.valueOf(key)), Map.entry("type", type),
                Map.entry("processInstanceKey", String.valueOf(INSTANCE)), Map.entry("processDefinitionId", "registry-corruption"),
                Map.entry("processDefinitionVersion", 1), Map.entry("processDefinitionKey", "1"),
                Map.entry("elementId", elementId), Map.entry("elementInstanceKey", String.valueOf(key + 1)),
                Map.entry("customHeaders", Map.of()), Map.entry("worker", "dr-runbooks"), Map.entry("retries", retries),
                Map.entry("deadline", System.currentTimeMillis() + 60_000), Map.entry("variables", variables),
                Map.entry("tenantId", "<default>"), Map.entry("kind", "BPMN_ELEMENT"),
                Map.entry("listenerEventType", "UNSPECIFIED"));
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private GatewayStandIn.Request awaitOne(String path) {
        eventually(path, () -> !gateway.requests("POST", path).isEmpty());
        return gateway.requests("POST", path).get(0);
    }
}
