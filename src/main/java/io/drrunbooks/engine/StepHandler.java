package io.drrunbooks.engine;

import java.util.Map;
import java.util.function.Function;

/**
 * One runbook step, bound by job type ({@code zeebe:taskDefinition type}) on every engine.
 * Must be idempotent: a job delivered twice must not do its damage twice.
 */
public interface StepHandler {

    /** The job type, kebab-case, as in the models. */
    String jobType();

    /**
     * Does the step's work.
     *
     * @return variables to set on the run
     * @throws BpmnError for a business outcome the model handles
     */
    Map<String, Object> execute(StepContext context);

    /** A handler from a job type and a function, for steps too small for a class of their own. */
    static StepHandler of(String jobType, Function<StepContext, Map<String, Object>> body) {
        return new StepHandler() {
            @Override
            public String jobType() {
                return jobType;
            }

            @Override
            public Map<String, Object> execute(StepContext context) {
                return body.apply(context);
            }
        };
    }
}
