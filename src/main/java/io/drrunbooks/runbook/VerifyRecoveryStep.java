package io.drrunbooks.runbook;

import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.target.CommandResult;
import io.drrunbooks.target.HealthResult;
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
 * A drill checks its scratch copy's data only: the command and the endpoint are the live system's.
 */
@Component
class VerifyRecoveryStep implements StepHandler {

    private final RunTargets targets;
    private final RegistryCheck registryCheck = new RegistryCheck();

    VerifyRecoveryStep(RunTargets targets) {
        this.targets = targets;
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
            List<String> registryProblems = registryCheck.problems(targets.directory(context, "registry"));
            checks.put("registryParses", registryProblems.isEmpty());
            registryProblems.forEach(p -> problems.add("registry: " + p));
        }
        if (targets.drill(context)) {
            checks.put("verifyCommand", "skipped (drill)");
            checks.put("health", "skipped (drill)");
        } else {
            CommandResult verify = targets.target().runVerifyCommand(targets.layout(context).root());
            checks.put("verifyCommand", verify.skipped() ? "skipped (not configured)" : "exit " + verify.exitCode());
            if (!verify.succeeded()) {
                problems.add("verify command " + verify.exited() + ": " + verify.output().strip());
            }
            HealthResult health = targets.target().checkHealth();
            checks.put("health", health.detail());
            if (!health.healthy()) {
                problems.add(HealthSteps.describe(health));
            }
        }
        if (!problems.isEmpty()) {
            throw new BpmnError("VERIFICATION_FAILED", String.join("; ", problems),
                    Map.of("verificationProblems", problems, "verification", checks));
        }
        return Map.of("outcome", "RECOVERED", "verification", checks);
    }
}
