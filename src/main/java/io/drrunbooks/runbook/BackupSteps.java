package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupException;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.ListedSet;
import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.restore.RestoreException;
import io.drrunbooks.restore.Restorer;
import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.Target;
import io.drrunbooks.verify.SetVerifier;
import io.drrunbooks.verify.Verification;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's runbooks' steps: {@code write-daily-backup} / {@code write-weekly-backup} (spec 2.1:
 * daily sets leave {@code cache} out, weekly sets hold everything), {@code verify-new-backup}, and
 * {@code test-restore-backup} (spec 6.2 made a real test: the newest set that opens restored into a scratch
 * directory, every file checked against the manifest on the way, the scratch removed; newer sets that do not
 * open are named in its output).
 */
@Configuration(proxyBeanMethods = false)
class BackupSteps {

    static final String WRITTEN = "backup.written";
    /** The set a {@code test-restore-backup} restores, recorded before it starts. */
    static final String TEST_RESTORING = "backup.test-restoring";

    @Bean
    StepHandler writeDailyBackup(BackupSets backups, Target target, AuditTrail audit) {
        return StepHandler.of("write-daily-backup",
                context -> write(context, "daily", target.layout().dailyDataSets(), backups, target, audit));
    }

    @Bean
    StepHandler writeWeeklyBackup(BackupSets backups, Target target, AuditTrail audit) {
        return StepHandler.of("write-weekly-backup",
                context -> write(context, "weekly", target.layout().dataSets(), backups, target, audit));
    }

    /**
     * A set this run wrote already (the job delivered again) is not written twice. A set that cannot be
     * written (the backup root not writable, the target missing) is tried again; when the last attempt
     * fails too, the run ends {@code BACKUP_FAILED}, saying why, as it does when a set does not verify.
     */
    private static Map<String, Object> write(StepContext context, String kind, List<DataSet> dataSets, BackupSets backups,
                                             Target target, AuditTrail audit) {
        Optional<AuditEvent> earlier = audit.first(context.runId(), WRITTEN, detail -> true);
        if (earlier.isPresent()) {
            return Map.of("backupSetId", earlier.get().detail().get("backupSetId"));
        }
        BackupSet set;
        try {
            set = backups.write(target.layout(), dataSets);
        } catch (BackupException failed) {
            if (context.retriesLeft() > 0) {
                throw failed;
            }
            String why = "the " + kind + " set could not be written: " + failed.getMessage();
            throw new BpmnError("BACKUP_FAILED", why, Map.of("failureReason", why));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("backupSetId", set.id());
        detail.put("kind", kind);
        detail.put("directory", set.directory().toString());
        detail.put("dataSets", set.dataSets());
        detail.put("sizeBytes", set.sizeBytes());
        audit.append(context.runId(), StepAudit.ACTOR, WRITTEN, context.step(), detail);
        return Map.of("backupSetId", set.id(), "backupKind", kind);
    }

    @Bean
    StepHandler verifyNewBackup(BackupSets backups, VerificationRecords records) {
        SetVerifier verifier = new SetVerifier();
        return StepHandler.of("verify-new-backup", context -> {
            BackupSet set = backups.open(context.string("backupSetId"));
            Verification verification = verifier.verify(set);
            records.record(verification, context.runId());
            if (!verification.ok()) {
                throw new BpmnError("BACKUP_FAILED", verification.message(), Map.of("verificationProblems",
                        List.of(verification.message())));
            }
            return Map.of("outcome", "BACKED_UP");
        });
    }

    @Bean
    StepHandler testRestoreBackup(BackupSets backups, Restorer restorer, Target target, VerificationRecords records,
                                  AuditTrail audit, @Value("${dr.home}") Path home) {
        return StepHandler.of("test-restore-backup", context -> {
            SetWalk walk = new SetWalk();
            BackupSet set = setToTestRestore(context, backups, audit, walk);
            Path scratch = home.resolve("verify-scratch").resolve(context.runId());
            try {
                restorer.restore(set, target.layout().withRoot(scratch), set.dataSets(), context.runId());
                records.record(Verification.ok(set.id()), context.runId());
                Map<String, Object> output = new LinkedHashMap<>(Map.of("outcome", "VERIFIED", "backupSetId", set.id()));
                if (!walk.skipped().isEmpty()) {
                    // newer sets that do not open: the run verified an older one, and says so
                    output.put("skippedSets", walk.skipped());
                    output.put("skippedSummary", walk.summary());
                }
                return output;
            } catch (RestoreException failed) {
                // only what the set's content failed says anything of the set; a full scratch disk does not
                failed.refusal().ifPresent(refusal -> records.record(refusal, context.runId()));
                throw new BpmnError("VERIFICATION_FAILED", failed.getMessage(), Map.of("backupSetId", set.id(),
                        "verificationProblems", List.of(failed.getMessage())));
            } finally {
                ScratchCopies.delete(scratch);
            }
        });
    }

    /**
     * The set named at the start, else the newest that opens (those passed over go into {@code walk}), recorded
     * ({@value #TEST_RESTORING}) before the restore begins: a prune run keeps the set while this run is active, and
     * a delivery of the step again tests the same set.
     */
    private static BackupSet setToTestRestore(StepContext context, BackupSets backups, AuditTrail audit, SetWalk walk) {
        Optional<AuditEvent> earlier = audit.first(context.runId(), TEST_RESTORING, detail -> true);
        if (earlier.isPresent()) {
            return backups.open((String) earlier.get().detail().get("backupSetId"));
        }
        List<ListedSet> candidates = SetWalk.candidates(context, backups);
        BackupSet set = walk.first(candidates, readable -> null).orElseThrow(() -> {
            String problem = candidates.isEmpty() ? "no backup set under the backup root" : walk.summary();
            return new BpmnError("VERIFICATION_FAILED", "there is no backup set to verify: " + problem,
                    Map.of("verificationProblems", List.of(problem), "skippedSets", walk.skipped()));
        });
        audit.append(context.runId(), StepAudit.ACTOR, TEST_RESTORING, context.step(), Map.of("backupSetId", set.id()));
        return set;
    }
}
