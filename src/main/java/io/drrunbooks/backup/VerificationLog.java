package io.drrunbooks.backup;

import io.drrunbooks.verify.Verification;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When each backup set was last verified and how it went, kept in the service's database. */
public final class VerificationLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public VerificationLog(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /**
     * Records a verification, replacing the set's earlier one. Several instances on one database
     * may verify the same set at once, so an insert that loses the race becomes an update.
     *
     * @param runId the run that verified it, or null (the service's check of new sets at start)
     */
    public void record(String setId, Verification verification, String runId) {
        String at = Instant.now(clock).toString();
        String problem = verification.ok() ? null : verification.message();
        if (update(setId, at, verification.ok(), problem, runId) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO dr_backup_verification (set_id, verified_at, ok, problem, run_id) VALUES (?, ?, ?, ?, ?)",
                    setId, at, verification.ok(), problem, runId);
        } catch (DuplicateKeyException concurrentRecord) {
            update(setId, at, verification.ok(), problem, runId);
        }
    }

    private int update(String setId, String at, boolean ok, String problem, String runId) {
        return jdbc.update("UPDATE dr_backup_verification SET verified_at = ?, ok = ?, problem = ?, run_id = ?"
                + " WHERE set_id = ?", at, ok, problem, runId, setId);
    }

    /** The first of these sets (newest first, as listed) whose last verification passed: the newest recovery point. */
    public Optional<BackupSet> newestVerified(List<? extends ListedSet> sets) {
        return sets.stream().filter(BackupSet.class::isInstance).map(BackupSet.class::cast)
                .filter(set -> latest(set.id()).filter(Entry::ok).isPresent()).findFirst();
    }

    public Optional<Entry> latest(String setId) {
        List<Entry> entries = jdbc.query("SELECT * FROM dr_backup_verification WHERE set_id = ?", (rs, row) -> new Entry(
                Instant.parse(rs.getString("verified_at")), rs.getBoolean("ok"), rs.getString("problem"),
                rs.getString("run_id")), setId);
        return entries.stream().findFirst();
    }

    /** The last verification of a set. */
    public record Entry(Instant verifiedAt, boolean ok, String problem, String runId) {
    }
}
