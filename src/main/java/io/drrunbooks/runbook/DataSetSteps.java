package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.restore.ChangeSummary;
import io.drrunbooks.restore.DataSetResult;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.verify.RegistryCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps a multi-instance restore runs once per data set (variable {@code dataSet}), in
 * parallel: {@code restore-data-set} and its own {@code verify-data-set}; and {@code restore-config},
 * the confirmed overwrite of {@code .env} and {@code chains.yaml}. Each restore's operation id is the
 * run id plus the data set, so a redelivered job returns the first restore's result. Their output
 * goes to the audit trail only: parallel instances writing the same run variable would race.
 */
@Configuration(proxyBeanMethods = false)
class DataSetSteps {

    static final String VERIFIED = "data-set.verified";

    @Bean
    StepHandler restoreDataSet(BackupSets backups, Restorer restorer, RunTargets targets, AuditTrail audit) {
        return StepHandler.of("restore-data-set", context -> {
            restore(context, context.string("dataSet"), backups, restorer, targets, audit);
            return Map.of();
        });
    }

    @Bean
    StepHandler restoreConfig(BackupSets backups, Restorer restorer, RunTargets targets, AuditTrail audit) {
        return StepHandler.of("restore-config", context -> {
            DataSetResult result = restore(context, "config", backups, restorer, targets, audit);
            return Map.of("configRestored", result.files() + " files");
        });
    }

    /**
     * The restored data set holds exactly the set's files (by sha256), and a registry parses. The result,
     * good or bad, goes to the audit trail as {@code data-set.verified}, which the run's report shows.
     */
    @Bean
    StepHandler verifyDataSet(BackupSets backups, Restorer restorer, RunTargets targets, AuditTrail audit) {
        RegistryCheck registryCheck = new RegistryCheck();
        return StepHandler.of("verify-data-set", context -> {
            String dataSet = context.string("dataSet");
            BackupSet set = backups.open(context.string("backupSetId"));
            ChangeSummary difference = restorer.compare(set, dataSet, targets.directory(context, dataSet));
            List<String> problems = new ArrayList<>();
            if (!difference.isEmpty()) {
                // the summary says what a restore would do: it would add what is missing and remove what is extra
                problems.add(dataSet + " differs from set " + set.id() + ": " + difference.removed().size() + " extra, "
                        + difference.added().size() + " missing, " + difference.changed().size() + " changed files");
            }
            if (dataSet.equals("registry")) {
                registryCheck.problems(targets.directory(context, dataSet)).forEach(p -> problems.add("registry: " + p));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("dataSet", dataSet);
            detail.put("backupSetId", set.id());
            detail.put("verified", problems.isEmpty());
            detail.put("problems", problems);
            audit.append(context.runId(), StepAudit.ACTOR, VERIFIED, context.step(), detail);
            if (!problems.isEmpty()) {
                throw new BpmnError("VERIFICATION_FAILED", String.join("; ", problems), Map.of("verificationProblems", problems));
            }
            return Map.of();
        });
    }

    private static DataSetResult restore(StepContext context, String dataSet, BackupSets backups, Restorer restorer,
                                         RunTargets targets, AuditTrail audit) {
        String setId = context.string("backupSetId");
        DataSetResult result = restorer.restore(backups.open(setId), targets.layout(context), List.of(dataSet),
                Restorer.operationOf(context.runId(), dataSet)).dataSets().get(0);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("backupSetId", setId);
        detail.put("dataSet", dataSet);
        detail.put("live", result.live().toString());
        detail.put("replacedTree", result.quarantine() == null ? null : result.quarantine().toString());
        detail.put("files", result.files());
        detail.put("bytes", result.bytes());
        audit.append(context.runId(), StepAudit.ACTOR, "data-set.restored", context.step(), detail);
        return result;
    }
}
