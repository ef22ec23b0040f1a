package io.drrunbooks.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.CliRun;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker with write access to the database (but not the signing key) deletes a run's last events, all of them,
 * or reorders them and recomputes the chain, with plain SQL on the service's H2. The chain alone showed none of it;
 * the signed head, and the engine's list of runs, show each, naming the run, in both endpoints and in verify-audit.
 */
class SignedHeadTest extends ServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    Api api;
    JdbcTemplate jdbc;

    @BeforeEach
    void api() {
        api = new Api(port);
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void deletingARunsLastEventsIsReportedNamingTheRun() {
        String run = endedRun();
        Tampering tampering = new Tampering(run);
        try {
            List<AuditEvent> events = events(run);
            int last = events.size();
            int report = events.stream().filter(e -> e.type().equals("run.report")).findFirst().orElseThrow().seq();
            jdbc.update("DELETE FROM dr_audit_event WHERE run_id = ? AND seq >= ?", run, report);
            assertThat(api.get("/api/runs/" + run).body().get("state").asText()).as("the engine still shows it ended").isEqualTo("COMPLETED");
            assertBroken(run, "events " + report + " to " + last + " were deleted");
            assertThat(verifyAudit().err()).contains("run " + run + ": events " + report + " to " + last + " were deleted");
        } finally {
            tampering.undo();
        }
        assertThat(api.chainIntact(run)).isTrue();
    }

    @Test
    void deletingEveryEventOfARunAndThenItsSignedHeadIsReportedNamingTheRun() {
        String run = endedRun();
        Tampering tampering = new Tampering(run);
        try {
            jdbc.update("DELETE FROM dr_audit_event WHERE run_id = ?", run);
            assertBroken(run, "every event was deleted");
            assertThat(verifyAudit().err()).contains("run " + run + ": every event was deleted");

            jdbc.update("DELETE FROM dr_audit_anchor WHERE run_id = ?", run);
            assertBroken(run, "the engine knows this run, but its whole trail and signed head were deleted");
        } finally {
            tampering.undo();
        }
        assertThat(api.chainIntact(run)).isTrue();
    }

    @Test
    void reorderingEventsAndRecomputingTheChainIsReportedNamingTheRun() {
        String run = endedRun();
        Tampering tampering = new Tampering(run);
        try {
            List<AuditEvent> events = new ArrayList<>(events(run));
            AuditEvent second = events.get(1);
            events.set(1, events.get(2));
            events.set(2, second);
            String prev = EventHasher.GENESIS;
            jdbc.update("DELETE FROM dr_audit_event WHERE run_id = ?", run);
            for (int i = 0; i < events.size(); i++) {
                AuditEvent e = events.get(i);
                String hash = EventHasher.hash(prev, EventHasher.canonicalJson(run, i + 1, e.at(), e.actor(), e.type(), e.step(), e.detail()));
                jdbc.update("INSERT INTO dr_audit_event (run_id, seq, at, actor, type, step, detail, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", run, i + 1, e.at(), e.actor(), e.type(), e.step(),
                        EventHasher.write(e.detail()), prev, hash);
                prev = hash;
            }
            assertThat(AuditTrail.check(run, events(run)).intact()).as("the chain alone recomputes").isTrue();
            assertBroken(run, "the trail was rewritten and its chain recomputed");
            assertThat(verifyAudit().err()).contains("run " + run + ": the trail was rewritten");
        } finally {
            tampering.undo();
        }
        assertThat(api.chainIntact(run)).isTrue();
    }

    /** A recovery drill, ended: its trail ends with its run.report (finish-run) and the run's end. */
    private String endedRun() {
        backup();
        corruptRegistry();
        String run = api.start("{\"runbook\":\"registry-corruption\",\"reason\":\"anchor test\",\"drill\":true}");
        api.complete(api.awaitTask(run, "approve-restore"), "{\"approved\":true}");
        assertThat(api.awaitEnd(run).get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(api.chainIntact(run)).isTrue();
        return run;
    }

    private void assertBroken(String run, String problem) {
        JsonNode check = api.get("/api/runs/" + run + "/audit/check").body();
        assertThat(check.get("intact").asBoolean()).isFalse();
        assertThat(check.get("runId").asText()).isEqualTo(run);
        assertThat(check.get("problem").asText()).contains(problem);
        JsonNode all = api.get("/api/audit/verify").body();
        assertThat(all.get("intact").asBoolean()).isFalse();
        assertThat(all.get("broken")).anySatisfy(broken -> {
            assertThat(broken.get("runId").asText()).isEqualTo(run);
            assertThat(broken.get("problem").asText()).contains(problem);
        });
    }

    private CliRun verifyAudit() {
        CliRun run = CliRun.of("verify-audit", "--home", HOME.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        return run;
    }

    private List<AuditEvent> events(String run) {
        return new AuditTrail(dataSource, java.time.Clock.systemUTC()).events(run);
    }

    /** The run's rows as they were, put back afterwards: the service tests share one database. */
    private final class Tampering {
        private final String run;
        private final List<Map<String, Object>> events;
        private final List<Map<String, Object>> anchor;

        Tampering(String run) {
            this.run = run;
            this.events = jdbc.queryForList("SELECT * FROM dr_audit_event WHERE run_id = ? ORDER BY seq", run);
            this.anchor = jdbc.queryForList("SELECT * FROM dr_audit_anchor WHERE run_id = ?", run);
        }

        void undo() {
            jdbc.update("DELETE FROM dr_audit_event WHERE run_id = ?", run);
            jdbc.update("DELETE FROM dr_audit_anchor WHERE run_id = ?", run);
            for (Map<String, Object> row : events) {
                jdbc.update("INSERT INTO dr_audit_event (run_id, seq, at, actor, type, step, detail, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("run_id"), row.get("seq"), row.get("at"),
                        row.get("actor"), row.get("type"), row.get("step"), row.get("detail"), row.get("prev_hash"), row.get("hash"));
            }
            for (Map<String, Object> row : anchor) {
                jdbc.update("INSERT INTO dr_audit_anchor (run_id, head_seq, head_hash, signature) VALUES (?, ?, ?, ?)",
                        row.get("run_id"), row.get("head_seq"), row.get("head_hash"), row.get("signature"));
            }
        }
    }
}
