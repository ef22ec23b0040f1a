package io.drrunbooks.engine.embedded;

import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.StepObserver;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.drrunbooks.testsupport.ServiceTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's handler pool on a real Operaton engine. */
class ExternalTaskDispatcherTest {

    /** What server-loss relies on to restore its data sets in parallel: each instance's step runs on its own worker. */
    @Test
    void theStepsOfAParallelMultiInstanceRunAtTheSameTime() {
        List<String> dataSets = List.of("registry", "state", "audit");
        CyclicBarrier allRunning = new CyclicBarrier(dataSets.size());
        Set<String> metTheOthers = ConcurrentHashMap.newKeySet();
        StepHandler restore = StepHandler.of("restore-dataset", context -> {
            try {
                allRunning.await(20, TimeUnit.SECONDS); // passes only once every instance's step is running
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other instances' steps did not run beside this one", e);
            }
            metTheOthers.add(context.string("dataset"));
            return Map.of();
        });
        ProcessEngine engine = TestEngine.start();
        try (ExternalTaskDispatcher dispatcher = new ExternalTaskDispatcher(engine.getExternalTaskService(),
                new StepInvoker(List.of(restore), StepObserver.NONE), Map.of(), 4, Duration.ofMinutes(1), "test-worker")) {
            TestEngine.deploy(engine, "multi-instance.bpmn");
            String instance = engine.getRuntimeService().startProcessInstanceByKey("dialect-multi-instance",
                    Map.of("datasets", dataSets)).getId();
            dispatcher.start();

            eventually("every instance's step met the others", () -> metTheOthers.size() == dataSets.size());
            eventually("the run ends", () -> engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceId(instance).count() == 0);
        } finally {
            engine.close();
        }
        assertThat(metTheOthers).containsExactlyInAnyOrderElementsOf(dataSets);
    }
}
