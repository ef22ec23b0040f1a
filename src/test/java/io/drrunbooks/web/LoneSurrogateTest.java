package io.drrunbooks.web;

import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lone UTF-16 surrogate has no UTF-8 form: the chain hashed it as {@code ?}, so {@code "a\ud800"} and
 * {@code "a?"} shared a hash and {@code bin/audit-chain.mjs} disagreed. The API refuses it in any text, naming the
 * field, before anything starts.
 */
class LoneSurrogateTest extends ServiceTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void aLoneSurrogateInAnyTextIsRefusedNamingTheFieldAndStartsNothing() {
        int runs = api.get("/api/runs").body().size();

        Api.Response reason = api.post("/api/runs", "{\"runbook\":\"backup\",\"reason\":\"disk a\\ud800 full\"}");
        assertThat(reason.status()).isEqualTo(400);
        assertThat(reason.body().get("message").asText()).contains("field 'reason'", "lone UTF-16 surrogate", "\\ud800");

        Api.Response nested = api.post("/api/runs", "{\"runbook\":\"backup\",\"reason\":\"ok\",\"labels\":{\"list\":[\"ok\",\"\\udfff\"]}}");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.body().get("message").asText()).contains("field 'labels.list[1]'");

        Api.Response name = api.post("/api/notifications", "{\"issueType\":\"backup-failure\",\"subject\":\"x\",\"b\\udc00d\":1}");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.body().get("message").asText()).contains("field 'b\\udc00d'");

        assertThat(api.get("/api/runs").body().size()).as("nothing started").isEqualTo(runs);
    }

    @Test
    void aSurrogatePairIsText() {
        Api.Response emoji = api.post("/api/notifications", "{\"issueType\":\"backup-failure\",\"subject\":\"disk \\ud83d\\udd25\"}");
        assertThat(emoji.status()).isEqualTo(201);
        String id = emoji.body().get("notificationId").asText();
        assertThat(api.chainIntact(id)).isTrue();
    }
}
