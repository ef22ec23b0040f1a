package io.drrunbooks.runbook;

import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.RunbookEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One real recovery per target: an active non-drill recovery holds its resolved target root in the
 * database ({@code dr_target_hold}), so a second one, which would stop the same services or change the
 * same data sets under it, is refused with the holder's name. The claim is a single insert on the root's
 * key, so of two simultaneous starts, on one instance or on several sharing the database, exactly one
 * wins. The hold is released when the run ends (finish-run) or is canceled; a hold whose run the engine
 * shows as ended, or no longer knows, is taken over, so nothing a crash left behind blocks a target for
 * good, while a restart honours every hold whose run is still active.
 */
@Component
class TargetHolds {

    /** A hold younger than this whose run the engine does not know yet belongs to a start in progress. */
    static final Duration STARTING = Duration.ofMinutes(5);
    private static final Set<EngineRun.RunState> RUNNING = Set.of(EngineRun.RunState.ACTIVE, EngineRun.RunState.FAILED);

    private record Hold(String runId, String runbook, String startedBy, Instant claimedAt) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectProvider<RunbookEngine> engine; // the engine is built after the run service that uses this
    private final Clock clock;

    TargetHolds(DataSource dataSource, ObjectProvider<RunbookEngine> engine, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.engine = engine;
        this.clock = clock;
    }

    /** Holds {@code root} for the run, or throws naming the active run that holds it. */
    void claim(Path root, String runId, String runbook, String startedBy) {
        String key = key(root);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                jdbc.update("INSERT INTO dr_target_hold (root_key, target_root, run_id, runbook, started_by, claimed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", key, root.toString(), runId, runbook, startedBy, Instant.now(clock).toString());
                return;
            } catch (DuplicateKeyException held) {
                Optional<Hold> holder = holder(key);
                if (holder.isPresent() && active(holder.get())) {
                    Hold hold = holder.get();
                    throw new TargetHeldException("target root " + root + " is held by run " + hold.runId() + " ("
                            + hold.runbook() + ", started by " + hold.startedBy() + " at " + hold.claimedAt() + "), still"
                            + " active: a second recovery would stop its services or change its data sets under it;"
                            + " wait for it to end, or cancel it", hold.runId());
                }
                holder.ifPresent(stale -> jdbc.update("DELETE FROM dr_target_hold WHERE root_key = ? AND run_id = ?",
                        key, stale.runId()));
            }
        }
        throw new TargetHeldException("target root " + root + " is being claimed by other starts right now; try again", null);
    }

    /** Lets go of whatever the run holds; nothing when it holds nothing (a drill, a backup). */
    void release(String runId) {
        jdbc.update("DELETE FROM dr_target_hold WHERE run_id = ?", runId);
    }

    private Optional<Hold> holder(String key) {
        List<Hold> holds = jdbc.query("SELECT run_id, runbook, started_by, claimed_at FROM dr_target_hold WHERE root_key = ?",
                (row, n) -> new Hold(row.getString(1), row.getString(2), row.getString(3), Instant.parse(row.getString(4))), key);
        return holds.stream().findFirst();
    }

    private boolean active(Hold hold) {
        Optional<EngineRun.RunState> state = engine.getObject().run(hold.runId()).map(EngineRun::state);
        return state.map(RUNNING::contains)
                .orElseGet(() -> hold.claimedAt().plus(STARTING).isAfter(Instant.now(clock)));
    }

    private static String key(Path root) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
