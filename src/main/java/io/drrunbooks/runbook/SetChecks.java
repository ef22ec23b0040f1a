package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.verify.RegistryCheck;
import io.drrunbooks.verify.SetVerifier;
import io.drrunbooks.verify.Verification;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Whether a backup set can be restored for some data sets: it holds them, its archives and files
 * verify, and (for the registry) every YAML file parses. Verification results are logged for the
 * backups view; a check of only some of the set's data sets can fail the set but never mark it verified.
 */
@Component
class SetChecks {

    private final SetVerifier verifier = new SetVerifier();
    private final RegistryCheck registryCheck = new RegistryCheck();
    private final VerificationRecords records;

    SetChecks(VerificationRecords records) {
        this.records = records;
    }

    /** Null when usable, else why not. */
    String problem(BackupSet set, List<String> dataSets, String runId) {
        List<String> missing = dataSets.stream().filter(d -> !set.dataSets().contains(d)).toList();
        if (!missing.isEmpty()) {
            return "holds no archive for " + missing;
        }
        Verification verification = verifier.verify(set, dataSets);
        if (dataSets.containsAll(set.dataSets())) {
            records.record(verification, runId);
        } else {
            records.recordPartial(verification, runId);
        }
        if (!verification.ok()) {
            return verification.message();
        }
        if (dataSets.contains("registry")) {
            List<String> problems = registryCheck.problems(set, "registry");
            if (!problems.isEmpty()) {
                return "its registry does not parse: " + String.join("; ", problems);
            }
        }
        return null;
    }
}
