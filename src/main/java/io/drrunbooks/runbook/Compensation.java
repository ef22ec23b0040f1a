package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.target.Target;
import io.drrunbooks.target.TargetLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/**
 * Puts the target back when a run ends without finishing: a step out of retries (the run waits FAILED at its incident)
 * or a cancel. As a saga's compensations, in reverse order of the steps: every quarantine whose restore did not happen
 * moves back to its live directory, then the services the run stopped are started again. What to undo is read from
 * the run's audit trail (the quarantine's {@code data-set.quarantining} intent, which precedes the move; the steps'
 * own events), so it is the same on both engines, and each undo looks at the disk first: a second call (the cancel of
 * a run that failed, a redelivery) finds nothing left and writes nothing. See the README's "Compensation".
 */
@Component
class Compensation {

    static final String STARTED = "compensation.started";
    static final String QUARANTINE_RELEASED = "compensation.quarantine-released";
    static final String QUARANTINE_KEPT = "compensation.quarantine-kept";
    static final String SERVICES_STARTED = "compensation.services-started";
    static final String FAILED = "compensation.failed";
    static final String COMPLETED = "compensation.completed";
    private static final Logger log = LoggerFactory.getLogger(Compensation.class);

    private final AuditTrail audit;
    private final Restorer restorer;
    private final Target target;

    Compensation(AuditTrail audit, Restorer restorer, Target target) {
        this.audit = audit;
        this.restorer = restorer;
        this.target = target;
    }

    /**
     * Undoes what is left to undo of the run; {@code trigger} is {@code failed} or {@code canceled}. Never throws: an
     * undo that fails is recorded as {@code compensation.failed} and the others still run.
     */
    void compensate(String runId, Map<String, Object> variables, String trigger, String why, String actor) {
        try {
            List<AuditEvent> trail = audit.events(runId);
            TargetLayout layout = layout(variables);
            List<AuditEvent> quarantines = quarantinesToMoveBack(trail);
            boolean restart = servicesLeftStopped(trail, variables);
            if (quarantines.isEmpty() && !restart) {
                return;
            }
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("trigger", trigger);
            started.put("why", why);
            started.put("quarantinesToMoveBack", quarantines.stream().map(e -> e.detail().get("quarantined")).toList());
            started.put("restartServices", restart);
            audit.append(runId, actor, STARTED, null, started);
            int failures = 0;
            for (AuditEvent quarantine : quarantines) {
                failures += undo(runId, actor, "move back " + quarantine.detail().get("quarantined"), () -> moveBack(layout, quarantine));
            }
            if (restart) {
                failures += undo(runId, actor, "start services", () -> new Undone(SERVICES_STARTED,
                        Map.of("startCommand", ServiceControlSteps.describe(target.startServices(layout.root())))));
            }
            audit.append(runId, actor, COMPLETED, null, Map.of("trigger", trigger, "failedUndos", failures));
        } catch (RuntimeException e) {
            log.error("compensation of run {} ({}) failed", runId, trigger, e);
        }
    }

    /** The run's quarantines, newest first, whose tree is aside and whose live directory is missing. */
    private static List<AuditEvent> quarantinesToMoveBack(List<AuditEvent> trail) {
        List<AuditEvent> found = new ArrayList<>();
        for (AuditEvent event : trail) {
            if (event.type().equals(QuarantineStep.INTENT)
                    && Files.isDirectory(Path.of(event.detail().get("quarantined").toString()), NOFOLLOW_LINKS)
                    && !Files.exists(Path.of(event.detail().get("live").toString()), NOFOLLOW_LINKS)) {
                found.add(0, event);
            }
        }
        return found;
    }

    /** A stop command ran (it may have stopped some services even when it failed) and no start ran after it. */
    private static boolean servicesLeftStopped(List<AuditEvent> trail, Map<String, Object> variables) {
        if (Boolean.TRUE.equals(variables.get(RunTargets.DRILL))) {
            return false;
        }
        int stopped = 0;
        int started = 0;
        for (AuditEvent event : trail) {
            Object jobType = event.detail().get("jobType");
            if ("stop-services".equals(jobType) && (event.type().equals("step.started") || event.type().equals("step.repeated"))) {
                stopped = event.seq();
            } else if (("start-services".equals(jobType) && event.type().equals("step.completed"))
                    || event.type().equals(SERVICES_STARTED)) {
                started = event.seq();
            }
        }
        return stopped > started;
    }

    private Undone moveBack(TargetLayout layout, AuditEvent intent) {
        String dataSet = intent.detail().get("dataSet").toString();
        Path quarantined = Path.of(intent.detail().get("quarantined").toString());
        boolean moved = restorer.release(layout, dataSet, quarantined);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("dataSet", dataSet);
        detail.put("quarantined", quarantined.toString());
        detail.put("live", intent.detail().get("live"));
        if (!moved) {
            detail.put("note", "a restore put a tree in place meanwhile; the quarantine stays");
        }
        return new Undone(moved ? QUARANTINE_RELEASED : QUARANTINE_KEPT, detail);
    }

    /** Runs one undo and records it; 1 when it failed. */
    private int undo(String runId, String actor, String what, Supplier<Undone> action) {
        try {
            Undone undone = action.get();
            audit.append(runId, actor, undone.type(), null, undone.detail());
            return 0;
        } catch (RuntimeException e) {
            audit.append(runId, actor, FAILED, null, Map.of("undo", what, "problem", String.valueOf(e.getMessage())));
            return 1;
        }
    }

    /** What an undo did: the event type that records it, and its detail. */
    private record Undone(String type, Map<String, Object> detail) {
    }

    private TargetLayout layout(Map<String, Object> variables) {
        Object root = variables.get(RunTargets.TARGET_ROOT);
        return root == null ? target.layout() : target.layout().withRoot(Path.of(root.toString()));
    }
}
