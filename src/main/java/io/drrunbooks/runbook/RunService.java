package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.rto.RtoBudget;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts runs, shows them against their RTO, and completes their user tasks, recording each act in
 * the audit trail. The REST API and the tests drive runbooks only through here and the engine port.
 */
@Service
public class RunService {

    /** The variable holding why the run was started. */
    public static final String RUN_REASON = "runReason";
    /**
     * The variable holding who completed the run's latest user task, for a step after it that records
     * their act in the trail in their name (the audit gap's account); the engines do not say who it was.
     */
    static final String COMPLETED_BY = "completedBy";
    /** Whether the (real) root holds data at start: server-loss then has an approver confirm the overwrite. */
    static final String ROOT_HAS_DATA = "rootHasData";

    private final RunbookEngine engine;
    private final RunbookCatalog catalog;
    private final AuditTrail audit;
    private final Forms forms;
    private final List<RunStartHook> hooks;
    private final StartFields startFields;
    private final Approvals approvals;
    private final Clock clock;
    private final DrillScratch drills;
    private final Compensation compensation;
    private final TargetHolds holds;
    private final ApplicationEventPublisher events;

    RunService(RunbookEngine engine, RunbookCatalog catalog, AuditTrail audit, Forms forms, List<RunStartHook> hooks,
               StartFields startFields, Approvals approvals, Clock clock, DrillScratch drills, Compensation compensation,
               TargetHolds holds, ApplicationEventPublisher events) {
        this.engine = engine;
        this.catalog = catalog;
        this.audit = audit;
        this.forms = forms;
        this.hooks = hooks;
        this.startFields = startFields;
        this.approvals = approvals;
        this.clock = clock;
        this.drills = drills;
        this.compensation = compensation;
        this.holds = holds;
        this.events = events;
    }

    public String start(StartRequest request) {
        Runbook runbook = catalog.find(request.runbook()).orElseThrow(() -> new IllegalArgumentException(
                "unknown runbook '" + request.runbook() + "'; known: " + catalog.all().stream().map(Runbook::id).toList()));
        String runId = UUID.randomUUID().toString();
        Map<String, Object> variables = new LinkedHashMap<>(request.extra());
        startFields.check(runbook, variables);
        variables.put("runbook", runbook.id());
        // not "reason": that is the approval form's field, and a completed form's values land in the run's scope
        variables.put(RUN_REASON, request.reason());
        variables.put("startedBy", request.startedBy());
        variables.put("startedAt", Instant.now(clock).toString());
        variables.put("rto", runbook.budget().rto().toString());
        variables.put("rtoWarning", runbook.budget().warningAfter().toString());
        variables.put("rpo", runbook.rpo().toString());
        variables.put("dataSetsGiven", variables.containsKey("dataSets"));
        if (!runbook.dataSets().isEmpty()) {
            variables.putIfAbsent("dataSets", runbook.dataSets());
        }
        variables.put("rtoBreached", false);
        variables.put(RunTargets.DRILL, Boolean.TRUE.equals(variables.get(RunTargets.DRILL)));
        Path root = startFields.targetRoot(runbook, variables);
        boolean drill = (Boolean) variables.get(RunTargets.DRILL);
        variables.put(ROOT_HAS_DATA, !drill && TargetRoots.hasData(root));
        if (drill) {
            root = drills.create(startFields.layout().withRoot(root), runId);
        } else if (runbook.drillable()) {
            holds.claim(root, runId, runbook.id(), request.startedBy()); // a recovery: one at a time per target
        }
        variables.put(RunTargets.TARGET_ROOT, root.toString());
        Path targetRoot = root;
        try {
            hooks.forEach(hook -> hook.beforeStart(runbook.id(), runId, targetRoot));
            audit.append(runId, request.startedBy(), "run.started", null, variables);
            engine.start(runbook.id(), runId, variables);
        } catch (RuntimeException notStarted) {
            holds.release(runId);
            throw notStarted;
        }
        hooks.forEach(hook -> hook.afterStart(runbook.id(), runId));
        return runId;
    }

    public Optional<RunView> run(String runId) {
        return engine.run(runId).map(this::view);
    }

    /**
     * The newest {@code limit} runs of runbooks, newest first; the supporting processes that started
     * some of them (the schedules) are not runs.
     */
    public List<RunView> runs(int limit) {
        return engine.runs(catalog.all().stream().map(Runbook::id).toList(), limit).stream().map(this::view).toList();
    }

    public List<UserTask> tasks(String runId) {
        return engine.tasks(runId);
    }

    public Optional<UserTask> task(String taskId) {
        return engine.task(taskId);
    }

    /**
     * Validates the values against the task's form, completes the task and records who did it; false
     * when an approval was recorded but the task waits for more approvers ({@link Approvals}).
     */
    public boolean completeTask(String taskId, Map<String, Object> values, String actor) {
        UserTask task = engine.task(taskId).orElseThrow(() -> new io.drrunbooks.engine.TaskNotOpenException(taskId));
        Map<String, Object> accepted = forms.validate(task.formId(), values);
        if (!approvals.completes(task, accepted, actor)) {
            return false;
        }
        Map<String, Object> variables = new LinkedHashMap<>(accepted);
        variables.put(COMPLETED_BY, actor);
        engine.completeTask(taskId, variables);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("taskId", taskId);
        detail.put("formId", task.formId());
        detail.put("values", accepted);
        audit.append(task.runId(), actor, "task.completed", task.step(), detail);
        return true;
    }

    /**
     * Cancels the run and undoes what it did to the target ({@link Compensation}); a drill's scratch copy goes with it,
     * as no finish-run will remove it, and so do the notifications it raised ({@link RunEnded}).
     */
    public void cancel(String runId, String reason, String actor) {
        Optional<EngineRun> run = engine.run(runId);
        Map<String, Object> variables = run.map(EngineRun::variables).orElse(Map.of());
        engine.cancel(runId, reason);
        compensation.compensate(runId, variables, "canceled", reason, actor);
        // the target is free for another recovery only once what this one moved is back
        holds.release(runId);
        events.publishEvent(new RunEnded(runId, run.map(EngineRun::processId).orElse(""), "CANCELED"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", reason);
        drills.discard(runId, variables).ifPresent(scratch -> detail.put("drillScratch", scratch));
        audit.append(runId, actor, "run.canceled", null, detail);
    }

    private RunView view(EngineRun run) {
        Map<String, Object> vars = run.variables();
        Duration rto = Duration.parse(String.valueOf(vars.getOrDefault("rto", "PT0S")));
        Instant now = Instant.now(clock);
        boolean timed = !rto.isZero();
        RtoBudget.RtoStatus status = timed ? new RtoBudget(rto, 1).status(run.startedAt(), run.endedAt(), now) : null;
        boolean breached = Boolean.TRUE.equals(vars.get("rtoBreached")) || (status != null && status.overdue());
        List<RunView.Step> steps = run.completedSteps().stream().map(step -> {
            long millis = Duration.between(step.startedAt(), step.endedAt()).toMillis();
            return new RunView.Step(step.step(), step.name(), step.startedAt(), step.endedAt(), millis,
                    timed ? (double) millis / rto.toMillis() : 0);
        }).toList();
        boolean drill = Boolean.TRUE.equals(vars.get(RunTargets.DRILL));
        return new RunView(run.runId(), run.processId(), drill, run.state().name(), (String) vars.get("outcome"),
                run.startedAt(), run.endedAt(), timed ? rto.toString() : null,
                timed ? (String) vars.get("rtoWarning") : null, status == null ? null : status.deadline(),
                breached, status == null ? 0 : status.elapsed().toSeconds(), status == null ? 0 : status.remaining().toSeconds(),
                FinishPrediction.of(run, () -> engine.runs(List.of(run.processId()), FinishPrediction.HISTORY), now),
                (String) vars.get("startedBy"), (String) vars.get(RUN_REASON), run.activeSteps(), steps,
                FailedSteps.of(audit, run.runId(), timed ? rto : Duration.ZERO));
    }
}
