package io.drrunbooks.runbook;

import io.drrunbooks.engine.BpmnError;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.target.HealthResult;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code check-health} (the service answers where it runs) and {@code check-public-health} (users
 * reach it after DNS / the load balancer moved): spec 4.1 step 6. An unhealthy answer after the
 * probe's retries is {@code VERIFICATION_FAILED}. A drill has no services of its own to probe.
 */
@Configuration(proxyBeanMethods = false)
class HealthSteps {

    @Bean
    StepHandler checkHealth(RunTargets targets) {
        return probe("check-health", "health", targets, context -> targets.target().checkHealth(), Map.of());
    }

    @Bean
    StepHandler checkPublicHealth(RunTargets targets) {
        return probe("check-public-health", "publicHealth", targets, context -> targets.target().checkPublicHealth(),
                Map.of("outcome", "RECOVERED"));
    }

    private static StepHandler probe(String jobType, String variable, RunTargets targets,
                                     Function<StepContext, HealthResult> check, Map<String, Object> onSuccess) {
        return StepHandler.of(jobType, context -> {
            Map<String, Object> output = new LinkedHashMap<>(onSuccess);
            if (targets.drill(context)) {
                output.put(variable, "skipped (drill)");
                return output;
            }
            HealthResult health = check.apply(context);
            if (!health.healthy()) {
                throw new BpmnError("VERIFICATION_FAILED", describe(health),
                        Map.of("verificationProblems", List.of(describe(health))));
            }
            output.put(variable, (health.url().isEmpty() ? "" : health.url() + ": ") + health.detail());
            return output;
        });
    }

    static String describe(HealthResult health) {
        return "health check " + health.url() + " failed after " + health.attempts() + " attempts: " + health.detail();
    }
}
