package io.drrunbooks.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain on a real database; {@link AuditTrailH2Test} and {@link AuditTrailPostgreSqlTest} run the same tests. */
abstract class AuditTrailContract {

    private DataSource dataSource;
    private AuditTrail trail;

    /** A database of its own for one test, migrated as the service migrates it. */
    abstract DataSource freshDatabase();

    /** Changes rows as an attacker with every right would: past whatever the database itself refuses. */
    void tamper(JdbcTemplate jdbc, String sql) {
        jdbc.update(sql);
    }

    @BeforeEach
    void database() {
        dataSource = freshDatabase();
        Schema.migrate(dataSource);
        trail = new AuditTrail(dataSource, Clock.systemUTC());
    }

    @Test
    void eventsChainFromGenesisAndRecompute() {
        AuditEvent first = trail.append("run-1", "ic", "run.started", null, Map.of("reason", "registry corrupt"));
        AuditEvent second = trail.append("run-1", "approver", "task.completed", "approve-restore", Map.of("approved", true));
        trail.append("run-2", "ic", "run.started", null, Map.of());

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo("0".repeat(64));
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(trail.events("run-1")).containsExactly(first, second);
        assertThat(trail.check("run-1").intact()).isTrue();
        // anyone can recompute: sha256 over prevHash and the canonical JSON with sorted keys
        String canonical = "{\"actor\":\"ic\",\"at\":\"" + first.at() + "\",\"detail\":{\"reason\":\"registry corrupt\"},"
                + "\"runId\":\"run-1\",\"seq\":1,\"step\":null,\"type\":\"run.started\"}";
        assertThat(EventHasher.hash("0".repeat(64), canonical)).isEqualTo(first.hash());
    }

    @Test
    void theChainRecomputesWithJavaScriptsOwnJson(@TempDir Path work) throws IOException {
        Map<String, Object> awkward = new LinkedHashMap<>();
        awkward.put("output", "\u001b[31mred\u001b[0m\ttab\nline \"quoted\" back\\slash \u0007bell");
        awkward.put("unicode", "Zürich \u2028 日本 \uD83D\uDE00");
        awkward.put("nested", Map.of("z", List.of(1, -2, true), "a", Map.of()));
        awkward.put("empty", "");
        awkward.put("numbers", List.of(7.0, -0.0, 0.25, 1e-7, 0.000001, 1.5e21, 1e21, 12345678.9, 123456789012.5, -2.5e-9, 42));
        trail.append("js", "ic", "run.started", null, Map.of("reason", "r"));
        trail.append("js", "dr-runbooks", "step.failed", "stop-services", awkward);
        Path events = Files.writeString(work.resolve("events.json"), new ObjectMapper().writeValueAsString(trail.events("js")));

        String head = trail.events("js").get(1).hash();
        assertThat(PlatformGodFixture.run(work, "node", Path.of("bin/audit-chain.mjs").toAbsolutePath().toString(), "js",
                events.toString())).contains("intact: 2 events, head " + head);
    }

    @Test
    void aChainHashedInTheEarlierFormStillChecks() {
        // before the canonical form followed JSON.stringify: upper-case hex escapes and Java's numbers
        String at = "2026-11-01T10:00:00.000Z";
        String earlier = "{\"actor\":\"ic\",\"at\":\"" + at + "\",\"detail\":{\"output\":\"\\u001Bred\",\"ratio\":7.0},"
                + "\"runId\":\"old\",\"seq\":1,\"step\":null,\"type\":\"step.failed\"}";
        String hash = EventHasher.hash(EventHasher.GENESIS, earlier);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO dr_audit_event (run_id, seq, at, actor, type, step, detail, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "old", 1, at, "ic", "step.failed", null,
                "{\"output\":\"\\u001Bred\",\"ratio\":7.0}", EventHasher.GENESIS, hash);
        assertThat(trail.check("old").intact()).isTrue();

        tamper(jdbc, "UPDATE dr_audit_event SET actor = 'mallory' WHERE run_id = 'old'");
        assertThat(trail.check("old").intact()).isFalse();
    }

    @Test
    void anEditedEventBreaksTheChainAtThatEvent() {
        append3();
        tamper(new JdbcTemplate(dataSource), "UPDATE dr_audit_event SET detail = '{\"approved\":false}' WHERE run_id = 'r' AND seq = 2");

        ChainCheck check = trail.check("r");
        assertThat(check.intact()).isFalse();
        assertThat(check.firstBadSeq()).isEqualTo(2);
        assertThat(check.problem()).contains("event 2 was altered");
    }

    @Test
    void aDeletedEventShowsAsAGap() {
        append3();
        tamper(new JdbcTemplate(dataSource), "DELETE FROM dr_audit_event WHERE run_id = 'r' AND seq = 2");

        ChainCheck check = trail.check("r");
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).contains("event 2 is missing");
    }

    @Test
    void aRewrittenActorIsCaughtToo() {
        append3();
        tamper(new JdbcTemplate(dataSource), "UPDATE dr_audit_event SET actor = 'someone-else' WHERE run_id = 'r' AND seq = 3");
        assertThat(trail.check("r").firstBadSeq()).isEqualTo(3);
    }

    @Test
    void reorderedEventsAreCaught() {
        append3();
        List<AuditEvent> events = new java.util.ArrayList<>(trail.events("r"));
        java.util.Collections.swap(events, 1, 2);
        assertThat(AuditTrail.check("r", events).intact()).isFalse();
    }

    protected AuditTrail trail() {
        return trail;
    }

    protected DataSource dataSource() {
        return dataSource;
    }

    private void append3() {
        for (String type : List.of("run.started", "task.completed", "run.ended")) {
            trail.append("r", "ic", type, null, Map.of("approved", true));
        }
        assertThat(trail.check("r").intact()).isTrue();
    }
}
