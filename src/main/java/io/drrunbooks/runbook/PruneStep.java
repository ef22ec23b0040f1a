package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.Retention;
import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code prune-backups}: applies the retention policy, or with {@code dryRun} only lists what would
 * go and why. Never touches the newest verified set nor a set an active run is using; every
 * deletion is audited before it happens.
 */
@Component
class PruneStep implements StepHandler {

    private final BackupSets backups;
    private final Retention retention;
    private final BackupProperties properties;
    private final VerificationLog verifications;
    private final ObjectProvider<RunbookEngine> engine; // the engine calls this step: look it up when needed
    private final AuditTrail audit;

    PruneStep(BackupSets backups, BackupProperties properties, VerificationLog verifications,
              ObjectProvider<RunbookEngine> engine, AuditTrail audit, Clock clock) {
        this.backups = backups;
        this.retention = new Retention(backups, clock);
        this.properties = properties;
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
        List<Retention.Decision> plan = retention.plan(new Retention.Policy(properties.getKeepDaily(),
                properties.getKeepWeekly(), "cache", properties.getRetention()), protectedIds);
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
        Set<String> ids = new HashSet<>();
        for (BackupSet set : backups.list()) {
            if (verifications.latest(set.id()).filter(VerificationLog.Entry::ok).isPresent()) {
                ids.add(set.id());
                break; // the newest verified one
            }
        }
        for (EngineRun run : engine.getObject().runs()) {
            Object inUse = run.variables().get("backupSetId");
            if (run.state() == EngineRun.RunState.ACTIVE && inUse != null && !run.runId().equals(ownRunId)) {
                ids.add(inUse.toString());
            }
        }
        return ids;
    }
}
