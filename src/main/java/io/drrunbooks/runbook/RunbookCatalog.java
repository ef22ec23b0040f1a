package io.drrunbooks.runbook;

import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.rto.RtoBudget;
import io.drrunbooks.target.TargetLayout;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbooks a run can be started from: every deployed process but the supporting ones
 * ({@code dr.supporting-processes}: schedules, escalations), each with its RTO and RPO from
 * {@code dr.runbooks.<id>}. A deployed runbook without objectives stops the service at start:
 * a recovery that cannot be timed against its RTO is not one this tool should offer. So does a runbook
 * that restores {@code config} after a confirmation form but lists {@code config} among the data sets
 * it restores without one.
 */
@Component
public class RunbookCatalog {

    private final Map<String, Runbook> runbooks = new LinkedHashMap<>();
    private final List<String> supporting;

    RunbookCatalog(RunbookEngine engine, RunbookProperties properties, Deployables deployables) {
        List<String> missing = new ArrayList<>();
        supporting = List.copyOf(properties.getSupportingProcesses());
        for (String id : engine.deployedProcesses()) {
            if (properties.getSupportingProcesses().contains(id)) {
                continue;
            }
            RunbookProperties.Settings settings = properties.getRunbooks().get(id);
            if (settings == null || settings.getRto() == null || settings.getRpo() == null) {
                missing.add(id);
                continue;
            }
            Runbook runbook = new Runbook(id, new RtoBudget(settings.getRto(), properties.getRtoWarningShare()),
                    settings.getRpo(), settings.getDataSets(), deployables.jobTypes(id));
            if (runbook.confirmsConfig() && runbook.dataSets().contains(TargetLayout.CONFIG)) {
                throw new IllegalStateException("dr.runbooks." + id + ".data-sets lists config, but " + id
                        + " restores config only after its confirmation form: take config out of the list");
            }
            runbooks.put(id, runbook);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("runbook(s) " + missing + " have no RTO/RPO: set dr.runbooks.<id>.rto and"
                    + " dr.runbooks.<id>.rpo (ISO-8601 durations such as PT4H)");
        }
    }

    public Optional<Runbook> find(String id) {
        return Optional.ofNullable(runbooks.get(id));
    }

    /** A deployed process that is not a runbook, such as the escalation of a notification. */
    public boolean isSupporting(String processId) {
        return supporting.contains(processId);
    }

    public List<Runbook> all() {
        return List.copyOf(runbooks.values());
    }
}
