package io.drrunbooks.runbook;

import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.target.CommandResult;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code stop-services} and {@code start-services}: the configured commands (spec: {@code pgod api
 * stop} / {@code start}), run in the run's target root. A non-zero exit fails the step with the
 * command's output, so it is retried and, when retries run out, the run shows as failed with the
 * output in its audit trail. A drill never touches the real services.
 */
@Configuration(proxyBeanMethods = false)
class ServiceControlSteps {

    static final String SKIPPED_IN_DRILL = "skipped (drill: the real services are never stopped or started)";

    @Bean
    StepHandler stopServices(RunTargets targets) {
        return step("stop-services", "stopCommand", targets, (t, root) -> t.target().stopServices(root));
    }

    @Bean
    StepHandler startServices(RunTargets targets) {
        return step("start-services", "startCommand", targets, (t, root) -> t.target().startServices(root));
    }

    private static StepHandler step(String jobType, String variable, RunTargets targets,
                                    BiFunction<RunTargets, Path, CommandResult> command) {
        return StepHandler.of(jobType, context -> Map.of(variable, targets.drill(context) ? SKIPPED_IN_DRILL
                : describe(command.apply(targets, targets.layout(context).root()))));
    }

    /** What the command did, for the run's variables; a failed command throws with its output. */
    static String describe(CommandResult result) {
        if (result.skipped()) {
            return "skipped (not configured)";
        }
        if (!result.succeeded()) {
            throw new IllegalStateException(result.exited() + ": " + result.output());
        }
        return result.exited() + " in " + result.millis() + " ms";
    }
}
