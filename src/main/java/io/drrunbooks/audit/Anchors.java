package io.drrunbooks.audit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

/**
 * Each run's signed head ({@code dr_audit_anchor}): the seq and hash of its last event, signed, rewritten with every
 * append. The chain alone cannot show that its last events, or all of them, were deleted, nor a chain rewritten and
 * recomputed by someone who knows the arithmetic; a head signed with a key the database does not hold can.
 */
final class Anchors {

    record Anchor(String runId, int headSeq, String headHash, String signature) {
    }

    private final JdbcTemplate jdbc;
    private final HeadSigner signer;

    Anchors(JdbcTemplate jdbc, HeadSigner signer) {
        this.jdbc = jdbc;
        this.signer = signer;
    }

    /** Anchors the run at this head. The caller holds the run's append lock, so only another process may race. */
    void write(String runId, int seq, String hash) {
        String signature = signer.signHead(message(runId, seq, hash));
        for (int attempt = 1; ; attempt++) {
            if (jdbc.update("UPDATE dr_audit_anchor SET head_seq = ?, head_hash = ?, signature = ? WHERE run_id = ?",
                    seq, hash, signature, runId) == 1) {
                return;
            }
            try {
                jdbc.update("INSERT INTO dr_audit_anchor (run_id, head_seq, head_hash, signature) VALUES (?, ?, ?, ?)",
                        runId, seq, hash, signature);
                return;
            } catch (DuplicateKeyException inserted) {
                if (attempt == 2) {
                    throw inserted;
                }
            }
        }
    }

    Optional<Anchor> of(String runId) {
        return jdbc.query("SELECT * FROM dr_audit_anchor WHERE run_id = ?", (rs, row) -> new Anchor(rs.getString("run_id"),
                rs.getInt("head_seq"), rs.getString("head_hash"), rs.getString("signature")), runId).stream().findFirst();
    }

    List<String> runs() {
        return jdbc.queryForList("SELECT run_id FROM dr_audit_anchor", String.class);
    }

    boolean none() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dr_audit_anchor", Integer.class) == 0;
    }

    /**
     * The trail against its signed head: null when it ends exactly there, else what is wrong, naming the run.
     * {@code events} were read after {@code anchor}, with no append between (see AuditTrail#check).
     */
    ChainCheck compare(Anchor anchor, List<AuditEvent> events) {
        int head = anchor.headSeq();
        AuditEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        String problem;
        int firstBad;
        if (!signer.verifiesHead(message(anchor.runId(), head, anchor.headHash()), anchor.signature())) {
            problem = "its signed head (event " + head + ") does not verify with the signing key: it was altered";
            firstBad = head;
        } else if (last == null) {
            problem = "every event was deleted: its signed head is event " + head;
            firstBad = 1;
        } else if (last.seq() < head) {
            problem = "events " + (last.seq() + 1) + " to " + head + " were deleted: the trail ends at event " + last.seq()
                    + ", its signed head is event " + head;
            firstBad = last.seq() + 1;
        } else if (last.seq() > head) {
            problem = "events " + (head + 1) + " to " + last.seq() + " were added behind its signed head (event " + head + ")";
            firstBad = head + 1;
        } else if (!last.hash().equals(anchor.headHash())) {
            problem = "the trail was rewritten and its chain recomputed: event " + head + " is not the signed head";
            firstBad = 1;
        } else {
            return null;
        }
        return new ChainCheck(anchor.runId(), false, events.size(), firstBad, problem);
    }

    private static String message(String runId, int seq, String hash) {
        return "dr-runbooks audit head\n" + runId + "\n" + seq + "\n" + hash;
    }
}
