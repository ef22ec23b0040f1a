package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, item 2: while a real recovery holds a target root, a second real recovery of it is refused
 * (409 naming the holder); drills go on; the hold ends with the run and outlives a restart.
 */
class OneRecoveryPerTargetTest extends ServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObjectProvider<RunbookEngine> runbookEngine;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void ofTwoSimultaneousStartsExactlyOneIsCreatedAndTheOtherNamesIt() throws Exception {
        backup();
        corruptRegistry();
        for (int round = 0; round < 3; round++) {
            CyclicBarrier together = new CyclicBarrier(2);
            Callable<Api.Response> start = () -> {
                together.await();
                return api.post("/api/runs", start("registry-corruption", ""));
            };
            ExecutorService threads = Executors.newFixedThreadPool(2);
            List<Api.Response> answers;
            try {
                List<Future<Api.Response>> both = threads.invokeAll(List.of(start, start));
                answers = List.of(both.get(0).get(), both.get(1).get());
            } finally {
                threads.shutdownNow();
            }

            assertThat(answers).extracting(Api.Response::status).as("round " + round).containsExactlyInAnyOrder(201, 409);
            Api.Response created = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow();
            Api.Response refused = answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow();
            String holder = created.body().get("runId").asText();
            assertThat(refused.body().get("heldBy").asText()).isEqualTo(holder);
            assertThat(refused.body().get("message").asText()).contains(holder).contains(root().toRealPath().toString());
            api.awaitTask(holder, "approve-restore");
            cancel(holder); // and the next round's starts find the root free again
        }
    }

    @Test
    void aDrillGoesOnBesideARealRecoveryAndTheHoldEndsWithTheRun() {
        backup();
        corruptRegistry();
        String real = api.start(start("registry-corruption", ""));
        api.awaitTask(real, "approve-restore");

        assertThat(api.post("/api/runs", start("restore", "\"dataSets\":[\"state\"]")).status())
                .as("another runbook on the same root").isEqualTo(409);
        String drill = api.start(start("registry-corruption", "\"drill\":true"));
        api.complete(api.awaitTask(drill, "approve-restore"), "{\"approved\":false}");
        assertThat(api.awaitEnd(drill).get("outcome").asText()).isEqualTo("REJECTED");

        api.complete(api.awaitTask(real, "approve-restore"), "{\"approved\":false,\"reason\":\"not this set\"}");
        assertThat(api.awaitEnd(real).get("outcome").asText()).isEqualTo("REJECTED");
        String next = api.start(start("registry-corruption", "")); // the ended run let go of the root
        api.awaitTask(next, "approve-restore");
        cancel(next);
    }

    @Test
    void aRestartHonoursTheHoldOfAStillActiveRunAndDropsThatOfAnEndedOne() {
        backup();
        corruptRegistry();
        String real = api.start(start("registry-corruption", ""));
        api.awaitTask(real, "approve-restore");
        // a restarted service (or a second instance on the same database) starts with nothing but the database
        TargetHolds afterRestart = new TargetHolds(dataSource, runbookEngine, Clock.systemUTC());

        Path live = TargetRoots.realPath(root());
        assertThatThrownBy(() -> afterRestart.claim(live, "another-run", "restore", "ic-1"))
                .isInstanceOf(TargetHeldException.class).hasMessageContaining(real);

        // a hold left by a run the engine no longer knows (a crash between claim and start, long ago) is taken over
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("UPDATE dr_target_hold SET run_id = 'vanished', claimed_at = ? WHERE run_id = ?",
                Instant.now().minus(TargetHolds.STARTING).minusSeconds(1).toString(), real);
        afterRestart.claim(live, "another-run", "restore", "ic-1");
        assertThat(jdbc.queryForList("SELECT run_id FROM dr_target_hold", String.class)).containsExactly("another-run");
        afterRestart.release("another-run");
        cancel(real);
    }

    private void cancel(String runId) {
        Api.Response canceled = api.post("/api/runs/" + runId + "/cancel", "{\"reason\":\"test over\"}");
        assertThat(canceled.status()).as(canceled.raw()).isEqualTo(200);
        JsonNode run = api.get("/api/runs/" + runId).body();
        assertThat(run.get("state").asText()).isEqualTo("CANCELED");
    }

    private static String start(String runbook, String fields) {
        return "{\"runbook\":\"" + runbook + "\",\"reason\":\"test\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }
}
