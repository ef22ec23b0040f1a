package io.drrunbooks.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends events to a run's chain and reads them back. Appends to one run are serialised in
 * this process; across processes (the command line beside the service) the primary key on
 * {@code (run_id, seq)} turns a lost race into a retry instead of a fork in the chain. Given a {@link HeadSigner}
 * (the service), every append also signs the run's new head in the same transaction ({@link Anchors}), and every
 * check compares the trail with it; without one (the command line's restores) trails are chained only.
 */
public final class AuditTrail {

    private static final int APPEND_ATTEMPTS = 5;
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Anchors anchors;
    private final TransactionTemplate transaction;

    public AuditTrail(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    public AuditTrail(DataSource dataSource, Clock clock, HeadSigner signer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.anchors = signer == null ? null : new Anchors(jdbc, signer);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Appends an event and returns it with its hash. {@code detail} must be JSON values. */
    public AuditEvent append(String runId, String actor, String type, String step, Map<String, ?> detail) {
        Objects.requireNonNull(runId, "runId");
        Map<String, Object> plainDetail = json.convertValue(detail == null ? Map.of() : detail, DETAIL);
        synchronized (lockFor(runId)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return appendAnchored(runId, actor == null ? "system" : actor, type, step, plainDetail);
                } catch (DuplicateKeyException raced) {
                    if (attempt == APPEND_ATTEMPTS) {
                        throw raced;
                    }
                }
            }
        }
    }

    private AuditEvent appendAnchored(String runId, String actor, String type, String step, Map<String, Object> detail) {
        if (anchors == null) {
            return insertNext(runId, actor, type, step, detail);
        }
        return transaction.execute(status -> {
            AuditEvent event = insertNext(runId, actor, type, step, detail);
            anchors.write(runId, event.seq(), event.hash());
            return event;
        });
    }

    /**
     * At the first start with signed heads (an upgrade), every trail is anchored at its head as found; from then on,
     * deleting any of its events shows. Returns how many were anchored.
     */
    public int anchorExistingTrails() {
        if (anchors == null || !anchors.none()) {
            return 0;
        }
        List<String> runs = jdbc.queryForList("SELECT DISTINCT run_id FROM dr_audit_event", String.class);
        for (String runId : runs) {
            synchronized (lockFor(runId)) {
                List<AuditEvent> events = events(runId);
                AuditEvent head = events.get(events.size() - 1);
                anchors.write(runId, head.seq(), head.hash());
            }
        }
        return runs.size();
    }

    /** Whether the run's head is signed. */
    public boolean hasSignedHead(String runId) {
        return anchors != null && anchors.of(runId).isPresent();
    }

    /** How many runs have a signed head (readable without the key). */
    public int signedHeads() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dr_audit_anchor", Integer.class);
    }

    private AuditEvent insertNext(String runId, String actor, String type, String step, Map<String, Object> detail) {
        List<Map<String, Object>> last = jdbc.queryForList(
                "SELECT seq, hash FROM dr_audit_event WHERE run_id = ? ORDER BY seq DESC LIMIT 1", runId);
        int seq = last.isEmpty() ? 1 : ((Number) last.get(0).get("seq")).intValue() + 1;
        String prevHash = last.isEmpty() ? EventHasher.GENESIS : (String) last.get(0).get("hash");
        String at = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        String hash = EventHasher.hash(prevHash, EventHasher.canonicalJson(runId, seq, at, actor, type, step, detail));
        jdbc.update("INSERT INTO dr_audit_event (run_id, seq, at, actor, type, step, detail, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", runId, seq, at, actor, type, step, EventHasher.write(detail), prevHash, hash);
        return new AuditEvent(runId, seq, at, actor, type, step, detail, hash, prevHash);
    }

    public List<AuditEvent> events(String runId) {
        return jdbc.query("SELECT * FROM dr_audit_event WHERE run_id = ? ORDER BY seq", this::event, runId);
    }

    /**
     * The run's first event of a type whose detail matches: how an idempotent step finds what it
     * did on an earlier delivery of the same job.
     */
    public Optional<AuditEvent> first(String runId, String type, Predicate<Map<String, Object>> detail) {
        return events(runId, List.of(type)).stream().filter(e -> detail.test(e.detail())).findFirst();
    }

    /** The run's events of these types, in order. */
    public List<AuditEvent> events(String runId, List<String> types) {
        if (types.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(types.size(), "?"));
        List<Object> arguments = new ArrayList<>(types);
        arguments.add(0, runId);
        return jdbc.query("SELECT * FROM dr_audit_event WHERE run_id = ? AND type IN (" + placeholders + ") ORDER BY seq",
                this::event, arguments.toArray());
    }

    private AuditEvent event(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getString("run_id"), rs.getInt("seq"), rs.getString("at"), rs.getString("actor"),
                rs.getString("type"), rs.getString("step"), readDetail(rs.getString("detail")), rs.getString("hash"),
                rs.getString("prev_hash"));
    }

    /**
     * Recomputes every run's chain (command-line restores included), and every signed head's run, even one with no
     * event left; the broken ones name their first bad link.
     */
    public List<ChainCheck> checkAll() {
        TreeSet<String> runs = new TreeSet<>(jdbc.queryForList("SELECT DISTINCT run_id FROM dr_audit_event", String.class));
        if (anchors != null) {
            runs.addAll(anchors.runs());
        }
        return runs.stream().map(this::check).toList();
    }

    /**
     * Recomputes the run's chain from its stored events, then compares its end with the signed head. An append
     * rewrites the head in the transaction that adds the event, so a head read the same before and after the events
     * is theirs; a check that races appends reads again.
     */
    public ChainCheck check(String runId) {
        if (anchors == null) {
            return check(runId, events(runId));
        }
        for (int attempt = 1; ; attempt++) {
            Optional<Anchors.Anchor> anchor = anchors.of(runId);
            List<AuditEvent> events = events(runId);
            if (attempt == 3 || anchor.equals(anchors.of(runId))) {
                ChainCheck chain = check(runId, events);
                ChainCheck head = chain.intact() && anchor.isPresent() ? anchors.compare(anchor.get(), events) : null;
                return head == null ? chain : head;
            }
        }
    }

    /** Recomputes a chain from events as exported; usable on a copy an auditor kept. */
    public static ChainCheck check(String runId, List<AuditEvent> events) {
        String prev = EventHasher.GENESIS;
        int expectedSeq = 1;
        for (AuditEvent event : events) {
            String problem = null;
            if (event.seq() != expectedSeq) {
                problem = "event " + expectedSeq + " is missing (found " + event.seq() + ")";
            } else if (!event.prevHash().equals(prev)) {
                problem = "event " + event.seq() + " does not link to the event before it";
            } else if (!EventHasher.recomputes(prev, event)) {
                problem = "event " + event.seq() + " was altered: its hash does not recompute";
            }
            if (problem != null) {
                return new ChainCheck(runId, false, events.size(), expectedSeq, problem);
            }
            prev = event.hash();
            expectedSeq++;
        }
        return new ChainCheck(runId, true, events.size(), -1, null);
    }

    private Map<String, Object> readDetail(String text) {
        try {
            return json.readValue(text, DETAIL);
        } catch (Exception e) {
            throw new IllegalStateException("audit detail is not JSON: " + text, e);
        }
    }

    private Object lockFor(String runId) {
        return locks.computeIfAbsent(runId, id -> new Object());
    }
}
