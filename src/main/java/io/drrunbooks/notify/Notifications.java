package io.drrunbooks.notify;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.RunbookEngine;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Raises notifications, lists them and takes their acknowledgements. A notification is a run of
 * the {@code escalation} model whose run id is the notification id; its state, level and
 * acknowledgement are that run's variables, and its audit trail is that run's chain.
 */
public final class Notifications {

    /** The escalation model's process id: a supporting process, not a runbook. */
    public static final String PROCESS = "escalation";
    static final String KEY = "notificationId";
    static final String ACK_MESSAGE = "notification-acknowledged";
    static final String ACTOR = "dr-runbooks";

    private final RunbookEngine engine;
    private final EscalationPaths paths;
    private final AuditTrail audit;
    private final Clock clock;

    Notifications(RunbookEngine engine, EscalationPaths paths, AuditTrail audit, Clock clock) {
        this.engine = engine;
        this.paths = paths;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Notifies the first contact of the issue type's path and starts its escalation.
     *
     * @param sourceRunId the run that raised it, or null for an event from outside a run
     * @return the notification id
     */
    public String raise(String issueType, String subject, String sourceRunId, String actor) {
        if (!paths.knows(issueType)) {
            throw new IllegalArgumentException("unknown issue type '" + issueType + "'; known: " + paths.types());
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(KEY, id);
        variables.put("issueType", issueType);
        variables.put("subject", subject);
        variables.put("level", 0);
        variables.put("raisedBy", actor);
        if (sourceRunId != null) {
            variables.put("sourceRunId", sourceRunId);
            audit.append(sourceRunId, actor, "notification.raised", null, Map.of(KEY, id, "issueType", issueType));
        }
        audit.append(id, actor, "notification.raised", null, variables);
        engine.start(PROCESS, id, variables);
        return id;
    }

    /** Open ones first, then past ones; newest first within each. */
    public List<Notification> list() {
        return engine.runs(List.of(PROCESS), Integer.MAX_VALUE).stream().map(Notifications::view)
                .sorted((a, b) -> Boolean.compare(b.open(), a.open())).toList();
    }

    public Optional<Notification> find(String id) {
        return engine.run(id).filter(run -> PROCESS.equals(run.processId())).map(Notifications::view);
    }

    /**
     * Stops the escalation of an open notification.
     *
     * @return false when it is not open (acknowledged already, or unknown)
     */
    public boolean acknowledge(String id, String by) {
        Optional<Notification> open = find(id).filter(Notification::open);
        String at = Instant.now(clock).toString();
        if (open.isEmpty() || !engine.correlate(ACK_MESSAGE, id, Map.of("acknowledgedBy", by, "acknowledgedAt", at))) {
            return false;
        }
        Map<String, Object> detail = Map.of(KEY, id, "level", open.get().level(), "acknowledgedAt", at);
        audit.append(id, by, "notification.acknowledged", null, detail);
        if (open.get().sourceRunId() != null) {
            audit.append(open.get().sourceRunId(), by, "notification.acknowledged", null, detail);
        }
        return true;
    }

    private static Notification view(EngineRun run) {
        Map<String, Object> vars = run.variables();
        Object contacts = vars.getOrDefault("contacts", List.of());
        return new Notification(run.runId(), (String) vars.get("issueType"), (String) vars.get("subject"),
                (String) vars.get("sourceRunId"), run.state() == EngineRun.RunState.ACTIVE,
                ((Number) vars.getOrDefault("level", 0)).intValue(),
                ((List<?>) contacts).stream().map(String::valueOf).toList(), run.startedAt(), run.endedAt(),
                (String) vars.get("acknowledgedBy"), (String) vars.get("acknowledgedAt"), run.state().name());
    }

    /**
     * One notification as {@code GET /api/notifications} shows it.
     *
     * @param level the escalation level reached: 0 is the first contact ({@code levels[0]})
     * @param contacts the contacts of that level
     * @param state the escalation run's state: ACTIVE while open, COMPLETED once acknowledged
     */
    public record Notification(String notificationId, String issueType, String subject, String sourceRunId,
                               boolean open, int level, List<String> contacts, Instant raisedAt, Instant closedAt,
                               String acknowledgedBy, String acknowledgedAt, String state) {
    }
}
