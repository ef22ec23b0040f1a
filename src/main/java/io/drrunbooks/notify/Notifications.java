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
 * Raises notifications, lists them, takes their acknowledgements and closes those of a run that
 * ended. A notification is a run of the {@code escalation} model whose run id is the notification id;
 * its state, level and acknowledgement are that run's variables, and its audit trail is that run's
 * chain. A drill pages nobody unless {@code dr.drills.notify} says so, and then only the first level,
 * with DRILL in the subject: the trail of the drill records what it did not send.
 */
public final class Notifications {

    /** The escalation model's process id: a supporting process, not a runbook. */
    public static final String PROCESS = "escalation";
    static final String KEY = "notificationId";
    static final String ACK_MESSAGE = "notification-acknowledged";
    static final String ACTOR = "dr-runbooks";
    /** The variable marking a drill's notification: DRILL in its subject, first level only. */
    static final String DRILL = "drill";

    private final RunbookEngine engine;
    private final EscalationPaths paths;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean notifyDrills;

    Notifications(RunbookEngine engine, EscalationPaths paths, AuditTrail audit, Clock clock, boolean notifyDrills) {
        this.engine = engine;
        this.paths = paths;
        this.audit = audit;
        this.clock = clock;
        this.notifyDrills = notifyDrills;
    }

    /**
     * Notifies the first contact of the issue type's path about an event from outside a run, and
     * starts its escalation.
     *
     * @return the notification id
     */
    public String raise(String issueType, String subject, String actor) {
        return start(issueType, subject, null, false, actor);
    }

    /**
     * Raises a notification for a run; for a drill, only if {@code dr.drills.notify}, and otherwise
     * records {@code notification.suppressed} in the drill's trail instead.
     *
     * @return the notification id; empty when a drill's notification was not sent
     */
    public Optional<String> raiseFor(String runId, String issueType, String subject) {
        boolean drill = engine.run(runId).map(run -> Boolean.TRUE.equals(run.variables().get(DRILL))).orElse(false);
        if (drill && !notifyDrills) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("issueType", issueType);
            detail.put("subject", subject);
            detail.put("why", "a drill notifies nobody (dr.drills.notify is false)");
            audit.append(runId, ACTOR, "notification.suppressed", null, detail);
            return Optional.empty();
        }
        return Optional.of(start(issueType, drill ? "DRILL: " + subject : subject, runId, drill, ACTOR));
    }

    private String start(String issueType, String subject, String sourceRunId, boolean drill, String actor) {
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
        variables.put(DRILL, drill);
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

    /**
     * Closes every open notification the run raised, recording the run's outcome on each, in its trail
     * and in the run's: a run that is over needs nobody woken up about it.
     */
    public void closeRaisedBy(String runId, String outcome) {
        for (Notification open : list().stream().filter(n -> n.open() && runId.equals(n.sourceRunId())).toList()) {
            String at = Instant.now(clock).toString();
            Map<String, Object> closing = Map.of("acknowledgedBy", ACTOR, "acknowledgedAt", at, "runOutcome", outcome);
            if (engine.correlate(ACK_MESSAGE, open.notificationId(), closing)) {
                Map<String, Object> detail = Map.of(KEY, open.notificationId(), "level", open.level(), "runOutcome", outcome);
                audit.append(open.notificationId(), ACTOR, "notification.closed", null, detail);
                audit.append(runId, ACTOR, "notification.closed", null, detail);
            }
        }
    }

    private static Notification view(EngineRun run) {
        Map<String, Object> vars = run.variables();
        Object contacts = vars.getOrDefault("contacts", List.of());
        return new Notification(run.runId(), (String) vars.get("issueType"), (String) vars.get("subject"),
                (String) vars.get("sourceRunId"), run.state() == EngineRun.RunState.ACTIVE,
                ((Number) vars.getOrDefault("level", 0)).intValue(),
                ((List<?>) contacts).stream().map(String::valueOf).toList(), run.startedAt(), run.endedAt(),
                (String) vars.get("acknowledgedBy"), (String) vars.get("acknowledgedAt"), (String) vars.get("runOutcome"),
                Boolean.TRUE.equals(vars.get(DRILL)), run.state().name());
    }

    /**
     * One notification as {@code GET /api/notifications} shows it.
     *
     * @param level the escalation level reached: 0 is the first contact ({@code levels[0]})
     * @param contacts the contacts of that level
     * @param runOutcome the outcome of the run that raised it, when that run's end closed it
     * @param drill raised by a drill: DRILL in its subject, never escalated
     * @param state the escalation run's state: ACTIVE while open, COMPLETED once acknowledged
     */
    public record Notification(String notificationId, String issueType, String subject, String sourceRunId,
                               boolean open, int level, List<String> contacts, Instant raisedAt, Instant closedAt,
                               String acknowledgedBy, String acknowledgedAt, String runOutcome, boolean drill,
                               String state) {
    }
}
