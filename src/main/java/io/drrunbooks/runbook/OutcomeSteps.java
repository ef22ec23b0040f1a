package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.restore.Restorer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps that close a recovery without restoring, and the RTO timers' steps. Each sets the
 * run's {@code outcome} and says why in the audit trail.
 */
@Configuration(proxyBeanMethods = false)
class OutcomeSteps {

    /** {@code record-verification-failure}: the quarantine stays for the post-mortem. */
    @Bean
    StepHandler recordVerificationFailure(AuditTrail audit) {
        return StepHandler.of("record-verification-failure", context -> {
            List<String> problems = context.strings("verificationProblems");
            audit.append(context.runId(), StepAudit.ACTOR, "run.verification-failed", context.step(),
                    Map.of("problems", problems, "quarantineKept", context.variable("quarantines").orElse(Map.of())));
            return Map.of("outcome", "VERIFICATION_FAILED", "failureReason", String.join("; ", problems));
        });
    }

    /**
     * {@code release-quarantine}: nothing is restored (the approver rejected, or no set was usable),
     * so the quarantined trees move back to where they were. Harmless when delivered twice: a tree
     * already back in place is left alone.
     */
    @Bean
    StepHandler releaseQuarantine(Restorer restorer, RunTargets targets, AuditTrail audit) {
        return StepHandler.of("release-quarantine", context -> {
            Map<?, ?> quarantines = context.variable("quarantines").map(Map.class::cast).orElse(Map.of());
            Map<String, Object> released = new LinkedHashMap<>();
            quarantines.forEach((dataSet, path) -> {
                Path quarantined = Path.of(path.toString());
                if (Files.exists(quarantined)) {
                    if (!restorer.release(targets.layout(context), dataSet.toString(), quarantined)) {
                        throw new IllegalStateException("cannot release " + quarantined + ": "
                                + targets.directory(context, dataSet.toString()) + " exists");
                    }
                    released.put(dataSet.toString(), targets.directory(context, dataSet.toString()).toString());
                }
            });
            String outcome = context.flag("noUsableBackup") ? "NO_USABLE_BACKUP" : "REJECTED";
            audit.append(context.runId(), StepAudit.ACTOR, "quarantine.released", context.step(),
                    Map.of("released", released, "outcome", outcome));
            return Map.of("outcome", outcome);
        });
    }

    /** {@code rto-warning}: a share of the RTO is spent and the run is still going. */
    @Bean
    StepHandler rtoWarning(AuditTrail audit) {
        return StepHandler.of("rto-warning", context -> {
            audit.append(context.runId(), StepAudit.ACTOR, "rto.warning", context.step(),
                    Map.of("rto", context.string("rto"), "warningAfter", context.string("rtoWarning")));
            return Map.of("rtoWarned", true);
        });
    }

    /** {@code rto-breach}: the RTO has passed; the run goes on, marked breached. */
    @Bean
    StepHandler rtoBreach(AuditTrail audit) {
        return StepHandler.of("rto-breach", context -> {
            audit.append(context.runId(), StepAudit.ACTOR, "rto.breached", context.step(), Map.of("rto", context.string("rto")));
            return Map.of("rtoBreached", true);
        });
    }
}
