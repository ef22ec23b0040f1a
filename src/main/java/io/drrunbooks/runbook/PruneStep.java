package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.Retention;
import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.Target;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code prune-backups}: applies the retention policy, or with {@code dryRun} only lists what would
 * go and why. A weekly set is one holding a weekly-only data set ({@code dr.target.weekly-only}).
 * Never touches the newest verified set nor a set an active run is using; every deletion is audited
 * before it happens.
 */
@Component
class PruneStep implements StepHandler {

    private final BackupSets backups;
    private final Retention retention;
    private final BackupProperties properties;
    private final Target target;
    private final VerificationLog verifications;
    private final ObjectProvider<RunbookEngine> engine; // the engine calls this step: look it up when needed
    private final AuditTrail audit;

    PruneStep(BackupSets backups, BackupProperties properties, Target target, VerificationLog verifications,
              ObjectProvider<RunbookEngine> engine, AuditTrail audit, Clock clock) {
        this.backups = backups;
        this.retention = new Retention(backups, clock);
        this.properties = properties;
        this.target = target;
        this.verifications = verifications;
        this.engine = engine;
        this.audit = audit;
    }

    @Override
    public String jobType() {
        return "prune-backups";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        Set<String> protectedIds = protectedSets(context.runId());
        Set<String> weeklyOnly = target.layout().dataSets().stream().filter(dataSet -> !dataSet.daily())
                .map(DataSet::name).collect(Collectors.toSet());
        List<Retention.Decision> plan = retention.plan(new Retention.Policy(properties.getKeepDaily(),
                properties.getKeepWeekly(), weeklyOnly, properties.getRetention()), protectedIds);
        boolean dryRun = context.flag("dryRun");
        List<Map<String, Object>> decisions = plan.stream().map(d -> {
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("set", d.setId());
            decision.put("delete", d.wholeSet() ? "whole set" : d.dataSets());
            decision.put("reason", d.reason());
            return decision;
        }).toList();
        for (int i = 0; i < plan.size() && !dryRun; i++) {
            audit.append(context.runId(), StepAudit.ACTOR, "backup.pruned", context.step(), decisions.get(i));
            retention.apply(plan.get(i));
        }
        return Map.of("outcome", dryRun ? "DRY_RUN" : "PRUNED", "pruneDecisions", decisions,
                "protectedSets", List.copyOf(protectedIds));
    }

    private Set<String> protectedSets(String ownRunId) {
        Set<String> ids = new LinkedHashSet<>();
        verifications.newestVerified(backups.list()).ifPresent(newest -> ids.add(newest.id()));
        for (EngineRun run : engine.getObject().runs()) {
            // a failed run waits at its incident and goes on with its set once the step is retried
            boolean running = run.state() == EngineRun.RunState.ACTIVE || run.state() == EngineRun.RunState.FAILED;
            if (!running || run.runId().equals(ownRunId)) {
                continue;
            }
            // the set it chose, the one asked for at its start (before its selection has run), the one it test-restores
            Stream.of(run.variables().get("backupSetId"), run.variables().get("backupSet"))
                    .filter(Objects::nonNull).forEach(inUse -> ids.add(inUse.toString()));
            audit.first(run.runId(), BackupSteps.TEST_RESTORING, detail -> true)
                    .ifPresent(event -> ids.add(String.valueOf(event.detail().get("backupSetId"))));
        }
        return ids;
    }
}
