package io.drrunbooks.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.runbook.RunbookProperties;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, roles and four eyes over HTTP: every refusal is JSON with a reason. */
class AccessTest extends ServiceTest {

    private static final String REGISTRY_RECOVERY = "{\"runbook\":\"registry-corruption\",\"reason\":\"r\",\"startedBy\":\"someone-else\"}";

    @LocalServerPort
    int port;
    @Autowired
    RunbookProperties runbooks;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void withoutCredentialsTheApiAnswers401JsonAndHealthStaysOpen() {
        Api.Response anonymous = api.as(Api.anonymous()).get("/api/runs");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("message").asText()).contains("sign in");
        assertThat(api.as("ic-1-wrong").get("/api/runs").status()).isEqualTo(401);
        assertThat(api.as(Api.anonymous()).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void healthWithoutCredentialsShowsTheStatusAloneAndItsDetailsToSignedInUsers() {
        backup();
        Api.Response anonymous = api.as(Api.anonymous()).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().properties()).extracting(java.util.Map.Entry::getKey).containsExactly("status");
        assertThat(anonymous.raw()).doesNotContain(HOME.toString()).doesNotContain("newestSet");
        JsonNode signedIn = api.as(TestUsers.AUDITOR).get("/actuator/health").body();
        assertThat(signedIn.at("/components/backups/details/newestSet").asText()).isNotEmpty();
        assertThat(signedIn.at("/components/auditReplica/details").has("lagBytes")).isTrue();
    }

    @Test
    void eachRoleDoesItsOwnPart() {
        Api.Response auditorStarts = api.as(TestUsers.AUDITOR).post("/api/runs", REGISTRY_RECOVERY);
        assertThat(auditorStarts.status()).isEqualTo(403);
        assertThat(auditorStarts.body().get("message").asText()).contains("commander");
        Api.Response commanderBacksUp = api.as(TestUsers.COMMANDER).post("/api/runs", "{\"runbook\":\"backup\",\"reason\":\"r\"}");
        assertThat(commanderBacksUp.status()).isEqualTo(403);
        assertThat(commanderBacksUp.body().get("message").asText()).contains("operator");
        assertThat(api.as(TestUsers.AUDITOR).get("/api/me").body().get("roles").toString()).isEqualTo("[\"auditor\"]");

        backup();
        corruptRegistry();
        String runId = api.start(REGISTRY_RECOVERY);
        String task = api.awaitTask(runId, "approve-restore");
        Api.Response commanderApproves = api.as(TestUsers.COMMANDER).post("/api/tasks/" + task + "/complete", "{\"variables\":{\"approved\":true}}");
        assertThat(commanderApproves.status()).isEqualTo(403);
        assertThat(commanderApproves.body().get("message").asText()).contains("approver");
        assertThat(api.as(TestUsers.COMMANDER).post("/api/runs/" + runId + "/cancel", "{\"reason\":\"wrong incident\"}").status()).isEqualTo(200);
        assertThat(api.awaitEnd(runId).get("state").asText()).isEqualTo("CANCELED");
    }

    @Test
    void whoeverStartedARunCannotApproveItAndTheTrailNamesWhoDid() {
        backup();
        corruptRegistry();
        String runId = api.as(TestUsers.LEAD).start(REGISTRY_RECOVERY);
        assertThat(api.get("/api/runs/" + runId).body().get("startedBy").asText()).isEqualTo(TestUsers.LEAD);
        String task = api.awaitTask(runId, "approve-restore");
        Api.Response ownApproval = api.as(TestUsers.LEAD).post("/api/tasks/" + task + "/complete", "{\"variables\":{\"approved\":true}}");
        assertThat(ownApproval.status()).isEqualTo(403);
        assertThat(ownApproval.body().get("message").asText()).contains("four eyes").contains(TestUsers.LEAD);
        api.as(TestUsers.APPROVER).complete(task, "{\"approved\":true}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(actorOf(runId, "task.completed")).isEqualTo(TestUsers.APPROVER);
    }

    @Test
    void anApprovalCanNeedSeveralDistinctApprovers() {
        String runId = recoveryNeedingTwoApprovals();
        String task = api.awaitTask(runId, "approve-restore");
        String approve = "{\"variables\":{\"approved\":true}}";
        assertThat(api.as(TestUsers.APPROVER).post("/api/tasks/" + task + "/complete", approve).body().get("completed").asBoolean()).isFalse();
        Api.Response again = api.as(TestUsers.APPROVER).post("/api/tasks/" + task + "/complete", approve);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.body().get("message").asText()).contains("already approved").contains("2 distinct");
        assertThat(api.as(TestUsers.SECOND_APPROVER).post("/api/tasks/" + task + "/complete", approve).body().get("completed").asBoolean()).isTrue();
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");
        JsonNode trail = api.get("/api/runs/" + runId + "/audit").body();
        assertThat(trail.findValuesAsText("type").stream().filter("task.approval"::equals)).hasSize(2);
        assertThat(actorOf(runId, "task.completed")).isEqualTo(TestUsers.SECOND_APPROVER);
    }

    @Test
    void twoApproversSubmittingAtOnceCompleteTheTaskOnce() throws Exception {
        String runId = recoveryNeedingTwoApprovals();
        String task = api.awaitTask(runId, "approve-restore");
        String approve = "{\"variables\":{\"approved\":true}}";
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (String approver : List.of(TestUsers.APPROVER, TestUsers.SECOND_APPROVER)) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.as(approver).post("/api/tasks/" + task + "/complete", approve);
                }));
            }
            go.countDown();
            List<Boolean> completed = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get(60, TimeUnit.SECONDS);
                // the approval the trail holds first leaves the task open (completed: false); the second completes it
                assertThat(response.status()).isEqualTo(200);
                completed.add(response.body().get("completed").asBoolean());
            }
            assertThat(completed).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");
    }

    @Test
    void onlyTheRolesOfAnIssueTypeAcknowledgeItAndAnAuditorChangesNothing() {
        String raise = "{\"issueType\":\"security-incident\",\"subject\":\"audit chain broken\"}";
        assertThat(api.as(TestUsers.AUDITOR).post("/api/notifications", raise).status()).isEqualTo(403);
        Api.Response raised = api.as(TestUsers.OPERATOR).post("/api/notifications", raise);
        assertThat(raised.status()).isEqualTo(201);
        String ack = "/api/notifications/" + raised.body().get("notificationId").asText() + "/ack";
        for (String notAllowed : List.of(TestUsers.AUDITOR, TestUsers.OPERATOR, TestUsers.APPROVER)) {
            Api.Response refused = api.as(notAllowed).post(ack, "{}");
            assertThat(refused.status()).as(notAllowed).isEqualTo(403);
            assertThat(refused.body().get("message").asText()).contains("commander");
        }
        assertThat(api.as(TestUsers.COMMANDER).post(ack, "{}").status()).isEqualTo(200);
    }

    /** A registry recovery started by someone else, whose approval needs two distinct approvers. */
    private String recoveryNeedingTwoApprovals() {
        runbooks.getRunbooks().get("registry-corruption").setApprovals(2);
        backup();
        corruptRegistry();
        return api.start(REGISTRY_RECOVERY);
    }

    @AfterEach
    void oneApprovalAgain() {
        runbooks.getRunbooks().get("registry-corruption").setApprovals(1);
    }

    private String actorOf(String runId, String type) {
        return api.event(runId, type).get("actor").asText();
    }
}
