package io.drrunbooks.runbook;

import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.target.CommandResult;
import io.drrunbooks.target.HealthResult;
import io.drrunbooks.target.Target;
import io.drrunbooks.verify.RegistryCheck;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify-recovery}: the spec's "Verify: pgod agents" made checkable: the restored registry
 * parses, the configured verify command exits 0, and the health endpoint reports ok. Any failure
 * is the business outcome {@code VERIFICATION_FAILED} (the model keeps the quarantine and records
 * why), not a retry: a restore that does not verify will not verify on the third try either.
 */
@Component
class VerifyRecoveryStep implements StepHandler {

    private final Target target;
    private final RegistryCheck registryCheck = new RegistryCheck();

    VerifyRecoveryStep(Target target) {
        this.target = target;
    }

    @Override
    public String jobType() {
        return "verify-recovery";
    }

    @Override
    public Map<String, Object> execute(StepContext context) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> checks = new LinkedHashMap<>();
        if (context.strings("dataSets").contains("registry")) {
            String registry = target.layout().dataSets(List.of("registry")).get(0).directory();
            List<String> registryProblems = registryCheck.problems(target.layout().resolve(registry));
            checks.put("registryParses", registryProblems.isEmpty());
            registryProblems.forEach(p -> problems.add("registry: " + p));
        }
        CommandResult verify = target.runVerifyCommand();
        checks.put("verifyCommand", verify.skipped() ? "skipped (not configured)" : "exit " + verify.exitCode());
        if (!verify.succeeded()) {
            problems.add("verify command '" + verify.command() + "' exited " + verify.exitCode() + ": " + verify.output().strip());
        }
        HealthResult health = target.checkHealth();
        checks.put("health", health.detail());
        if (!health.healthy()) {
            problems.add("health check " + health.url() + " failed after " + health.attempts() + " attempts: " + health.detail());
        }
        if (!problems.isEmpty()) {
            throw new BpmnError("VERIFICATION_FAILED", String.join("; ", problems),
                    Map.of("verificationProblems", problems, "verification", checks));
        }
        return Map.of("outcome", "RECOVERED", "verification", checks);
    }
}
