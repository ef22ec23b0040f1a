package io.drrunbooks.runbook;

import io.drrunbooks.engine.EngineRun;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When an active run will likely finish: now plus the mean duration, in the runbook's recent completed
 * runs, of each step this run has not finished yet. A step counts when at least half of those runs took
 * it, so a branch taken once (a rejection) does not stretch every prediction. Waiting for a person is
 * part of a step's duration, as it is part of the RTO.
 */
final class FinishPrediction {

    private static final int HISTORY = 20;

    private FinishPrediction() {
    }

    /** The end of an ended run; null when the runbook has no completed run to learn from. */
    static Instant of(EngineRun run, List<EngineRun> allRuns, Instant now) {
        if (run.endedAt() != null) {
            return run.endedAt();
        }
        List<EngineRun> past = allRuns.stream().filter(other -> other.processId().equals(run.processId())
                && other.state() == EngineRun.RunState.COMPLETED).limit(HISTORY).toList();
        if (past.isEmpty()) {
            return null;
        }
        Map<String, List<Long>> durations = new HashMap<>();
        for (EngineRun other : past) {
            for (EngineRun.StepRecord step : other.completedSteps()) {
                durations.computeIfAbsent(step.step(), id -> new ArrayList<>())
                        .add(Duration.between(step.startedAt(), step.endedAt()).toMillis());
            }
        }
        Set<String> done = run.completedSteps().stream().map(EngineRun.StepRecord::step).collect(Collectors.toSet());
        long remaining = durations.entrySet().stream()
                .filter(step -> !done.contains(step.getKey()) && step.getValue().size() * 2 >= past.size())
                .mapToLong(step -> (long) step.getValue().stream().mapToLong(Long::longValue).average().orElse(0))
                .sum();
        return now.plusMillis(remaining);
    }
}
