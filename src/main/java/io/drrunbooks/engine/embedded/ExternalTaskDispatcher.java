package io.drrunbooks.engine.embedded;

import io.drrunbooks.engine.RetryBackoff;
import io.drrunbooks.engine.RunIds;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.StepInvoker.Outcome;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the embedded engine's external tasks in-process. One thread fetches and locks work for every
 * job type that has a handler, whenever it is woken (a service task was entered, a step finished)
 * or at the latest every {@link #IDLE_POLL}, which covers retries whose back-off has run out and
 * tasks left locked by a crashed process; a pool runs the handlers.
 */
final class ExternalTaskDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExternalTaskDispatcher.class);
    static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final int REPORT_ATTEMPTS = 10;

    private final ExternalTaskService externalTasks;
    private final StepInvoker invoker;
    private final Map<String, Integer> retriesByJobType;
    private final int workers;
    private final long lockMillis;
    private final String workerId;
    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object signal = new Object();
    private boolean woken = true;
    private volatile boolean running = true;
    private final Thread fetcher;

    ExternalTaskDispatcher(ExternalTaskService externalTasks, StepInvoker invoker, Map<String, Integer> retriesByJobType,
                           int workers, Duration lockDuration, String workerId) {
        this.externalTasks = externalTasks;
        this.workerId = workerId;
        this.invoker = invoker;
        this.retriesByJobType = Map.copyOf(retriesByJobType);
        this.workers = workers;
        this.lockMillis = lockDuration.toMillis();
        this.pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "dr-step");
            thread.setDaemon(true);
            return thread;
        });
        this.fetcher = new Thread(this::fetchLoop, "dr-step-fetcher");
        this.fetcher.setDaemon(true);
    }

    /**
     * Starts fetching. Steps this worker had locked when its process died are handed out again at
     * once: waiting for their locks to run out would add the lock duration to a recovery's time.
     */
    void start() {
        externalTasks.createExternalTaskQuery().workerId(workerId).locked().list()
                .forEach(task -> externalTasks.unlock(task.getId()));
        fetcher.start();
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void fetchLoop() {
        while (running) {
            try {
                awaitSignal();
                int free = workers - inFlight.get();
                if (free > 0 && !invoker.jobTypes().isEmpty()) {
                    List<LockedExternalTask> tasks = fetch(free);
                    tasks.forEach(this::submit);
                    if (tasks.size() == free) {
                        wake(); // there may be more waiting
                    }
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                if (running) {
                    log.warn("fetching steps failed, trying again in {}: {}", IDLE_POLL, failure.toString());
                }
            }
        }
    }

    private void awaitSignal() throws InterruptedException {
        synchronized (signal) {
            if (!woken) {
                signal.wait(IDLE_POLL.toMillis());
            }
            woken = false;
        }
    }

    private List<LockedExternalTask> fetch(int max) {
        ExternalTaskQueryBuilder query = externalTasks.fetchAndLock(max, workerId);
        for (String jobType : invoker.jobTypes()) {
            query = query.topic(jobType, lockMillis).enableCustomObjectDeserialization();
        }
        return query.execute();
    }

    private void submit(LockedExternalTask task) {
        inFlight.incrementAndGet();
        pool.execute(() -> {
            try {
                run(task);
            } catch (RuntimeException reportFailed) {
                // the lock runs out and the step is delivered again; its handler is idempotent
                log.error("could not report the result of step {} ({})", task.getActivityId(), task.getId(), reportFailed);
            } finally {
                inFlight.decrementAndGet();
                wake();
            }
        });
    }

    private void run(LockedExternalTask task) {
        int retries = task.getRetries() != null ? task.getRetries() : retriesByJobType.getOrDefault(task.getTopicName(), 3);
        Map<String, Object> variables = EngineVariables.plain(task.getVariables());
        String runId = RunIds.of(variables.get("runId"), task.getBusinessKey(), task.getProcessInstanceId());
        StepContext context = new StepContext(runId, task.getProcessDefinitionKey(), task.getActivityId(),
                task.getTopicName(), task.getId(), Math.max(retries - 1, 0), variables);
        Outcome outcome = invoker.invoke(context);
        report(task, context, outcome);
    }

    /**
     * Hands the outcome to the engine. Steps of a parallel multi-instance finish at the same moment
     * and update the same parent execution, so one of them can lose an optimistic lock: that report
     * is simply made again, since nothing of it was committed.
     */
    private void report(LockedExternalTask task, StepContext context, Outcome outcome) {
        for (int attempt = 1; ; attempt++) {
            try {
                reportOnce(task, context, outcome);
                return;
            } catch (OptimisticLockingException concurrentSibling) {
                if (attempt == REPORT_ATTEMPTS) {
                    throw concurrentSibling;
                }
            }
        }
    }

    private void reportOnce(LockedExternalTask task, StepContext context, Outcome outcome) {
        if (outcome instanceof Outcome.Completed completed) {
            externalTasks.complete(task.getId(), workerId, EngineVariables.plain(completed.variables()));
        } else if (outcome instanceof Outcome.Error error) {
            externalTasks.handleBpmnError(task.getId(), workerId, error.code(), error.message(),
                    EngineVariables.plain(error.variables()));
        } else if (outcome instanceof Outcome.Failed failed) {
            int left = context.retriesLeft();
            externalTasks.handleFailure(task.getId(), workerId, failed.message(), failed.message(), left,
                    RetryBackoff.after(retriesByJobType.getOrDefault(task.getTopicName(), 3), left).toMillis());
        }
    }

    @Override
    public void close() {
        running = false;
        fetcher.interrupt();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
