package io.drrunbooks.runbook;

import io.drrunbooks.engine.StepContext;
import io.drrunbooks.target.Target;
import io.drrunbooks.target.TargetLayout;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;

/**
 * The target a run acts on: the configured live root, a new server's root given at start
 * ({@code targetRoot}, server loss), or a drill's scratch copy (also {@code targetRoot}, with
 * {@code drill} set, so the real services are never touched).
 */
@Component
class RunTargets {

    static final String TARGET_ROOT = "targetRoot";
    static final String DRILL = "drill";

    private final Target target;

    RunTargets(Target target) {
        this.target = target;
    }

    TargetLayout layout(StepContext context) {
        return context.optionalString(TARGET_ROOT).map(Path::of).map(target.layout()::withRoot).orElse(target.layout());
    }

    Path directory(StepContext context, String dataSet) {
        TargetLayout layout = layout(context);
        return layout.resolve(layout.dataSets(List.of(dataSet)).get(0).directory());
    }

    boolean drill(StepContext context) {
        return context.flag(DRILL);
    }

    Target target() {
        return target;
    }
}
