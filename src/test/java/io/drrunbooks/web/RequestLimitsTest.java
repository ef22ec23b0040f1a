package io.drrunbooks.web;

import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** Over-long texts and deep nesting are a 400 naming the field, and start nothing: no run, no drill copy. */
class RequestLimitsTest extends ServiceTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void aReasonOf5000CharactersIs400NamingItAndStartsNothing() {
        int runsBefore = api.get("/api/runs").body().size();
        Api.Response refused = api.post("/api/runs", "{\"runbook\":\"registry-corruption\",\"drill\":true,\"reason\":\""
                + "r".repeat(5_000) + "\"}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("'reason'").contains("4000");
        assertThat(api.get("/api/runs").body().size()).isEqualTo(runsBefore);
        assertThat(HOME.resolve("drills")).satisfiesAnyOf(drills -> assertThat(drills).doesNotExist(),
                drills -> assertThat(Files.list(drills)).isEmpty());
    }

    @Test
    void aTenMegabyteReasonIs400NotA500() {
        Api.Response refused = api.post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":\""
                + "r".repeat(10 * 1024 * 1024) + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).doesNotContainIgnoringCase("sql");
    }

    @Test
    void anArray900DeepIs400NamingTheField() {
        String deep = "[".repeat(900) + "]".repeat(900);
        Api.Response refused = api.post("/api/runs", "{\"runbook\":\"registry-corruption\",\"reason\":\"r\",\"nested\":" + deep + "}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("'nested").contains("deeper than 16");
    }

    @Test
    void anyTextFieldOfAnyBodyIsLimited() {
        Api.Response refused = api.post("/api/notifications", "{\"issueType\":\"backup-failure\",\"subject\":\""
                + "s".repeat(4_001) + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("'subject'");
        Api.Response approval = api.post("/api/tasks/no-such-task/complete", "{\"variables\":{\"approved\":true,\"reason\":\""
                + "a".repeat(4_001) + "\"}}");
        assertThat(approval.status()).isEqualTo(400);
        assertThat(approval.body().get("message").asText()).contains("'variables.reason'");
    }

    @Test
    void anEncodedSlashInAnIdIsAJson400() {
        Api.Response refused = api.get("/api/runs/a%2fb");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("refused");
    }
}
