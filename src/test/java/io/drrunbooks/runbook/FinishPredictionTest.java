package io.drrunbooks.runbook;

import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.EngineRun.RunState;
import io.drrunbooks.engine.EngineRun.StepRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
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
        List<EngineRun> all = List.of(active, run("a", RunState.COMPLETED, 0, 100), run("b", RunState.COMPLETED, 200, 500),
                run("c", RunState.COMPLETED, 600, 800));
        assertThat(FinishPrediction.of(active, () -> all, at(1010))).isEqualTo(at(1000 + 200));
    }

    @Test
    void itIsTheEndOfTheLatestStepPlusWhatPastRunsTookFromThere() {
        // past runs: 'restore' ended 100 s, 300 s and 200 s before their ends; mean 200 s
        EngineRun a = run("a", RunState.COMPLETED, 0, 400, step("stop", 0, 50), step("restore", 50, 300));
        EngineRun b = run("b", RunState.COMPLETED, 1000, 1600, step("stop", 1000, 1100), step("restore", 1100, 1300));
        EngineRun c = run("c", RunState.COMPLETED, 2000, 2500, step("stop", 2000, 2100), step("restore", 2100, 2300));
        EngineRun active = run("now", RunState.ACTIVE, 5000, -1, step("stop", 5000, 5020), step("restore", 5020, 5100));
        assertThat(FinishPrediction.of(active, () -> List.of(active, a, b, c), at(5150))).isEqualTo(at(5100 + 200));
    }

    @Test
    void parallelStepsCountOnceAndTheLastInstanceOfAStepIsWhereTheRestBegins() {
        // two data sets restored side by side; the run ended 60 s after the later one
        List<EngineRun> past = List.of(0, 300, 600).stream().map(t -> run("p" + t, RunState.COMPLETED, t, t + 260,
                step("select", t, t + 100), step("restore", t + 100, t + 190), step("restore", t + 100, t + 200),
                step("verify", t + 100, t + 150))).toList();
        EngineRun active = run("now", RunState.ACTIVE, 1000, -1, step("select", 1000, 1100));
        // from 'select' each past run needed 160 s, however many steps ran in parallel after it
        assertThat(FinishPrediction.of(active, () -> with(active, past), at(1100))).isEqualTo(at(1260));
    }

    @Test
    void pastRunsThatNeverPassedTheStepAreLeftOutAndALateRunIsDueNow() {
        EngineRun rejected = run("x", RunState.COMPLETED, 0, 30, step("approve", 0, 30));
        List<EngineRun> recovered = List.of(100, 500, 800).stream().map(t -> run("y" + t, RunState.COMPLETED, t, t + 300,
                step("approve", t, t + 50), step("restore", t + 50, t + 200))).toList();
        EngineRun active = run("now", RunState.ACTIVE, 1000, -1, step("approve", 1000, 1050), step("restore", 1050, 1100));
        List<EngineRun> all = with(active, List.of(rejected, recovered.get(0), recovered.get(1), recovered.get(2)));
        assertThat(FinishPrediction.of(active, () -> all, at(1150))).isEqualTo(at(1200));
        assertThat(FinishPrediction.of(active, () -> all, at(1500))).isEqualTo(at(1500));
    }

    @Test
    void onlyThreeOrMoreCompletedRunsOfTheSameKindPredict() {
        // two real runs of 100 s and any number of fast drills: a real run learns nothing yet
        List<EngineRun> drills = List.of(0, 10, 20, 30).stream().map(t -> run("d" + t, RunState.COMPLETED, t, t + 5, true)).toList();
        List<EngineRun> real = List.of(run("a", RunState.COMPLETED, 100, 200), run("b", RunState.COMPLETED, 300, 400));
        EngineRun active = run("now", RunState.ACTIVE, 1000, -1);
        List<EngineRun> learned = new ArrayList<>(with(active, drills));
        learned.addAll(real);
        assertThat(FinishPrediction.of(active, () -> learned, at(1001))).isNull();
        // a third real run: the prediction is the real runs' mean, the drills' 5 s left out
        learned.add(run("c", RunState.COMPLETED, 500, 600));
        assertThat(FinishPrediction.of(active, () -> learned, at(1001))).isEqualTo(at(1100));
        // and a drill learns from the drills only
        EngineRun drill = run("drill", RunState.ACTIVE, 1000, -1, true);
        assertThat(FinishPrediction.of(drill, () -> learned, at(1001))).isEqualTo(at(1005));
    }

    private static EngineRun run(String id, RunState state, long start, long end, StepRecord... steps) {
        return new EngineRun(id, "registry-corruption", state, at(start), end < 0 ? null : at(end), Map.of(), List.of(),
                List.of(steps));
    }

    private static EngineRun run(String id, RunState state, long start, long end, boolean drill) {
        return new EngineRun(id, "registry-corruption", state, at(start), end < 0 ? null : at(end), Map.of(RunTargets.DRILL, drill),
                List.of(), List.of());
    }

    private static List<EngineRun> with(EngineRun active, List<EngineRun> past) {
        List<EngineRun> all = new ArrayList<>(past);
        all.add(0, active);
        return all;
    }

    private static StepRecord step(String id, long start, long end) {
        return new StepRecord(id, id, at(start), at(end));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
