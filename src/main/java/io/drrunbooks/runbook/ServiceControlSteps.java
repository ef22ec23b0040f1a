package io.drrunbooks.runbook;

import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.target.CommandResult;
import io.drrunbooks.target.Target;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code stop-services} and {@code start-services}: the configured commands (spec: {@code pgod api
 * stop} / {@code start}). A non-zero exit fails the step with the command's output, so it is
 * retried and, when retries run out, the run shows as failed with the output in its audit trail.
 * Both are idempotent as long as the commands are (stopping a stopped service succeeds).
 */
@Configuration(proxyBeanMethods = false)
class ServiceControlSteps {

    @Bean
    StepHandler stopServices(Target target) {
        return step("stop-services", "stopCommand", target::stopServices);
    }

    @Bean
    StepHandler startServices(Target target) {
        return step("start-services", "startCommand", target::startServices);
    }

    private static StepHandler step(String jobType, String variable, Supplier<CommandResult> command) {
        return StepHandler.of(jobType, context -> Map.of(variable, describe(command.get())));
    }

    /** What the command did, for the run's variables; a failed command throws with its output. */
    static String describe(CommandResult result) {
        if (result.skipped()) {
            return "skipped (not configured)";
        }
        if (!result.succeeded()) {
            throw new IllegalStateException("'" + result.command() + "' exited " + result.exitCode() + ": " + result.output());
        }
        return "'" + result.command() + "' exited 0 in " + result.millis() + " ms";
    }
}
