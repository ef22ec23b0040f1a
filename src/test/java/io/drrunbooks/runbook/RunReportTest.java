package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run's report ({@code run.report}) says of its verification, and in whose name a run's acts are recorded. */
class RunReportTest extends ServiceTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void aServerLossReportHoldsEachDataSetsVerificationAndBothHealthChecks() throws IOException {
        backup();
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health/status", exchange -> {
            byte[] ok = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        health.start();
        try {
            String url = "http://127.0.0.1:" + health.getAddress().getPort() + "/health/status";
            targetProperties.setHealthUrl(url);
            Path newServer = HOME.resolve("new-server-" + System.nanoTime());
            String runId = api.start("{\"runbook\":\"server-loss\",\"reason\":\"test\",\"targetRoot\":\"" + newServer + "\"}");
            api.completeServerLossTasks(runId, "switch-dns", false);
            assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");

            JsonNode report = api.report(runId);
            JsonNode dataSets = report.get("dataSetVerification");
            assertThat(dataSets.fieldNames()).toIterable().containsExactly("artifacts", "audit", "registry", "state");
            dataSets.forEach(dataSet -> {
                assertThat(dataSet.get("verified").asBoolean()).isTrue();
                assertThat(dataSet.get("problems")).isEmpty();
            });
            assertThat(report.get("health").asText()).isEqualTo(url + ": status ok");
            assertThat(report.get("publicHealth").asText()).isEqualTo(url + ": status ok");
            assertThat(api.chainIntact(runId)).isTrue();
        } finally {
            health.stop(0);
        }
    }

    @Test
    void aServerLossDrillReportsItsDataSetsAndThatItProbedNoHealth() {
        backup();
        String runId = api.start("{\"runbook\":\"server-loss\",\"reason\":\"test\",\"drill\":true}");
        api.completeServerLossTasks(runId, "switch-dns", true);
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");
        JsonNode report = api.report(runId);
        assertThat(report.get("drill").asBoolean()).isTrue();
        assertThat(report.get("dataSetVerification").size()).isEqualTo(4);
        assertThat(report.get("health").asText()).isEqualTo("skipped (drill)");
        assertThat(report.get("scratchRemoved").asText()).isEqualTo(HOME.resolve("drills").resolve(runId).toString());
    }

    @Test
    void anAuditLogLossReportCountsTheGapAndTheMergeAndTheAccountIsItsAuthors() {
        backup();
        PlatformGodFixture.write(HOME.resolve("external-audit"), "forwarded.jsonl",
                "{\"event\":\"agent.run\",\"ts\":\"2025-01-20T10:00:00Z\"}\n{\"event\":\"agent.run\",\"ts\":\"2025-01-20T10:05:00Z\"}\n");
        String runId = api.start("{\"runbook\":\"audit-log-loss\",\"reason\":\"disk lost\"}");
        String document = api.awaitTask(runId, "document-gap");
        api.as(TestUsers.LEAD).complete(document, "{\"account\":\"two runs after the backup, forwarded\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":true}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");

        JsonNode report = api.report(runId);
        assertThat(report.get("missingRecords").asInt()).isEqualTo(2);
        assertThat(report.get("mergedRecords").asInt()).isEqualTo(2);
        JsonNode documented = api.event(runId, "audit-gap.documented");
        assertThat(documented.get("actor").asText()).as("who wrote the account, not who started the run")
                .isEqualTo(TestUsers.LEAD).isNotEqualTo(api.get("/api/runs/" + runId).body().get("startedBy").asText());
        assertThat(documented.at("/detail/account").asText()).isEqualTo("two runs after the backup, forwarded");
    }
}
