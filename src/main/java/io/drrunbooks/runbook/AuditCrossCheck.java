package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.audit.ChainCheck;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every trail checked against its signed head, and every run the engine knows against the trails: a run whose trail
 * and signed head were both deleted leaves no trace in the audit tables, but the engine still lists it.
 */
@Component
public class AuditCrossCheck {

    private final AuditTrail audit;
    private final RunService runs;

    AuditCrossCheck(AuditTrail audit, RunService runs) {
        this.audit = audit;
        this.runs = runs;
    }

    /** Every run's check, the broken ones first. */
    public List<ChainCheck> all() {
        Map<String, ChainCheck> checks = new LinkedHashMap<>();
        audit.checkAll().forEach(check -> checks.put(check.runId(), check));
        for (RunView run : runs.runs(Integer.MAX_VALUE)) {
            if (!audit.hasSignedHead(run.runId())) {
                checks.put(run.runId(), unanchored(run.runId(), checks.get(run.runId())));
            }
        }
        List<ChainCheck> all = new ArrayList<>(checks.values().stream().filter(c -> !c.intact()).toList());
        all.addAll(checks.values().stream().filter(ChainCheck::intact).toList());
        return all;
    }

    /** The run's check, and whether the engine knows a run whose trail has no signed head. */
    public ChainCheck of(String runId) {
        ChainCheck check = audit.check(runId);
        return check.intact() && !audit.hasSignedHead(runId) && runs.run(runId).isPresent() ? unanchored(runId, check) : check;
    }

    private static ChainCheck unanchored(String runId, ChainCheck trail) {
        int events = trail == null ? 0 : trail.events();
        return new ChainCheck(runId, false, events, 1, events == 0
                ? "the engine knows this run, but its whole trail and signed head were deleted"
                : "the engine knows this run, but its signed head was deleted");
    }
}
