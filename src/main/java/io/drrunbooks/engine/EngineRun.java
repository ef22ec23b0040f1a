package io.drrunbooks.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the engine sees it.
 *
 * @param variables the run's root-scope variables as last written
 * @param activeSteps ids of the flow nodes (tasks) active now
 * @param completedSteps tasks that have finished, in order of their start
 */
public record EngineRun(String runId, String processId, RunState state, Instant startedAt, Instant endedAt,
                        Map<String, Object> variables, List<String> activeSteps, List<StepRecord> completedSteps) {

    public enum RunState { ACTIVE, COMPLETED, FAILED, CANCELED }

    /** One finished task of a run. */
    public record StepRecord(String step, String name, Instant startedAt, Instant endedAt) {
    }
}
