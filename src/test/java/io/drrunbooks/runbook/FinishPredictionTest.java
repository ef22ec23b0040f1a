package io.drrunbooks.runbook;

import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.EngineRun.RunState;
import io.drrunbooks.engine.EngineRun.StepRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FinishPredictionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void anEndedRunFinishedWhenItEnded() {
        EngineRun ended = run("r", RunState.COMPLETED, 0, 600, step("stop", 0, 10));
        assertThat(FinishPrediction.of(ended, () -> List.of(ended), at(700))).isEqualTo(at(600));
    }

    @Test
    void withoutACompletedRunToLearnFromThereIsNoPrediction() {
        EngineRun active = run("r", RunState.ACTIVE, 0, -1);
        EngineRun failed = run("f", RunState.FAILED, 0, -1, step("stop", 0, 10));
        assertThat(FinishPrediction.of(active, () -> List.of(active, failed), at(5))).isNull();
    }

    @Test
    void beforeAnyStepHasFinishedItIsTheStartPlusTheMeanDurationOfPastRuns() {
        EngineRun active = run("now", RunState.ACTIVE, 1000, -1);
        List<EngineRun> all = List.of(active, run("a", RunState.COMPLETED, 0, 100), run("b", RunState.COMPLETED, 200, 500));
        assertThat(FinishPrediction.of(active, () -> all, at(1010))).isEqualTo(at(1000 + 200));
    }

    @Test
    void itIsTheEndOfTheLatestStepPlusWhatPastRunsTookFromThere() {
        // past runs: 'restore' ended 100 s and 300 s before their ends; mean 200 s
        EngineRun a = run("a", RunState.COMPLETED, 0, 400, step("stop", 0, 50), step("restore", 50, 300));
        EngineRun b = run("b", RunState.COMPLETED, 1000, 1600, step("stop", 1000, 1100), step("restore", 1100, 1300));
        EngineRun active = run("now", RunState.ACTIVE, 5000, -1, step("stop", 5000, 5020), step("restore", 5020, 5100));
        assertThat(FinishPrediction.of(active, () -> List.of(active, a, b), at(5150))).isEqualTo(at(5100 + 200));
    }

    @Test
    void parallelStepsCountOnceAndTheLastInstanceOfAStepIsWhereTheRestBegins() {
        // two data sets restored side by side; the run ended 60 s after the later one
        EngineRun past = run("p", RunState.COMPLETED, 0, 260, step("select", 0, 100),
                step("restore", 100, 190), step("restore", 100, 200), step("verify", 100, 150));
        EngineRun active = run("now", RunState.ACTIVE, 1000, -1, step("select", 1000, 1100));
        // from 'select' the past run needed 160 s, however many steps ran in parallel after it
        assertThat(FinishPrediction.of(active, () -> List.of(active, past), at(1100))).isEqualTo(at(1260));
    }

    @Test
    void pastRunsThatNeverPassedTheStepAreLeftOutAndALateRunIsDueNow() {
        EngineRun rejected = run("x", RunState.COMPLETED, 0, 30, step("approve", 0, 30));
        EngineRun recovered = run("y", RunState.COMPLETED, 100, 400, step("approve", 100, 150), step("restore", 150, 300));
        EngineRun active = run("now", RunState.ACTIVE, 1000, -1, step("approve", 1000, 1050), step("restore", 1050, 1100));
        assertThat(FinishPrediction.of(active, () -> List.of(active, rejected, recovered), at(1150))).isEqualTo(at(1200));
        assertThat(FinishPrediction.of(active, () -> List.of(active, rejected, recovered), at(1500))).isEqualTo(at(1500));
    }

    private static EngineRun run(String id, RunState state, long start, long end, StepRecord... steps) {
        return new EngineRun(id, "registry-corruption", state, at(start), end < 0 ? null : at(end), Map.of(), List.of(),
                List.of(steps));
    }

    private static StepRecord step(String id, long start, long end) {
        return new StepRecord(id, id, at(start), at(end));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
