package io.drrunbooks.runbook;

import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.EngineRun.StepRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When an active run will likely finish: the end of its latest finished step plus the mean time the
 * runbook's recent completed runs took from the end of that same step to their own end (from their
 * start, while no step has finished). Measuring what is left as a whole, rather than adding up step
 * durations, counts parallel branches once and a step under way from where it began; past runs that
 * never passed the step (another branch) say nothing about this one. Waiting for a person is part of
 * what is left, as it is part of the RTO. Only runs of the same kind teach: a drill on a scratch copy
 * says little about a real recovery, and the reverse; and fewer than {@link #MINIMUM_RUNS} of them
 * (one fast drill) would promise a time nobody has earned, so there is then no prediction.
 */
final class FinishPrediction {

    /** How many of the runbook's newest runs to learn from. */
    static final int HISTORY = 20;

    /** How many completed runs of the same kind that went the same way a prediction needs. */
    static final int MINIMUM_RUNS = 3;

    private FinishPrediction() {
    }

    /**
     * The end of an ended run; null when fewer than {@link #MINIMUM_RUNS} completed runs of the runbook,
     * drills for a drill and real runs for a real one, went the same way.
     * {@code recentRuns} are read only for an active run: a finished one needs no history.
     */
    static Instant of(EngineRun run, Supplier<List<EngineRun>> recentRuns, Instant now) {
        if (run.endedAt() != null) {
            return run.endedAt();
        }
        Optional<StepRecord> latest = run.completedSteps().stream().max(Comparator.comparing(StepRecord::endedAt));
        Instant anchor = latest.map(StepRecord::endedAt).orElse(run.startedAt());
        List<Duration> rests = recentRuns.get().stream()
                .filter(other -> other.processId().equals(run.processId()) && other.state() == EngineRun.RunState.COMPLETED
                        && drill(other) == drill(run))
                .map(past -> restAfter(past, latest.map(StepRecord::step)))
                .flatMap(Optional::stream).toList();
        if (rests.size() < MINIMUM_RUNS) {
            return null;
        }
        double meanRest = rests.stream().mapToLong(Duration::toMillis).average().orElseThrow();
        Instant predicted = anchor.plusMillis((long) meanRest);
        return predicted.isBefore(now) ? now : predicted;
    }

    private static boolean drill(EngineRun run) {
        return Boolean.TRUE.equals(run.variables().get(RunTargets.DRILL));
    }

    /** How long a past run went on after its last end of the step (after its start without a step). */
    private static Optional<Duration> restAfter(EngineRun past, Optional<String> step) {
        Optional<Instant> from = step.isEmpty() ? Optional.of(past.startedAt())
                : past.completedSteps().stream().filter(done -> done.step().equals(step.get()))
                        .map(StepRecord::endedAt).max(Comparator.naturalOrder());
        return from.map(start -> Duration.between(start, past.endedAt()));
    }
}
