package io.drrunbooks.engine.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.drrunbooks.engine.RetryBackoff;
import io.drrunbooks.engine.RunIds;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.StepInvoker.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Zeebe job worker per job type in the models, each calling the step's handler through the
 * shared {@link StepInvoker} and reporting the outcome one to one: completed with the step's
 * variables, a BPMN error with its code and variables, or a failure with one retry fewer and the
 * back-off the embedded engine uses too.
 */
final class JobWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

    /**
     * How this instance takes jobs.
     *
     * @param name          this instance's worker name ({@link io.drrunbooks.engine.WorkerId}), shown by the
     *                      cluster as the holder of a job
     * @param timeout       how long a step may run before Zeebe hands its job to another worker (a crashed
     *                      one's): {@code dr.step-lock-duration}
     * @param maxJobsActive steps of one type that may run at the same time in this process: {@code dr.engine-workers}
     */
    record Settings(String name, Duration timeout, int maxJobsActive) {

        /**
         * The client's job execution threads for workers of this many job types: a thread for every job
         * they may hold at once. Zeebe counts a job's timeout from its activation, and a worker activates
         * up to maxJobsActive jobs of its type whatever the other types hold; with fewer threads an
         * activated job could wait in the client's queue until its timeout passed, be handed out again,
         * and run twice. With this many, every activated job starts at once.
         */
        int executionThreads(int jobTypes) {
            return Math.max(1, jobTypes) * maxJobsActive;
        }
    }

    private final StepInvoker invoker;
    private final Map<String, Integer> retriesByJobType;
    private final List<JobWorker> workers;

    /** Opens a worker per job type; the client needs {@link Settings#executionThreads} threads for them. */
    JobWorkers(CamundaClient client, StepInvoker invoker, Map<String, Integer> retriesByJobType, Settings settings) {
        this.invoker = invoker;
        this.retriesByJobType = Map.copyOf(retriesByJobType);
        this.workers = retriesByJobType.keySet().stream().sorted()
                .map(type -> client.newWorker().jobType(type).handler(this::handle).name(settings.name())
                        .timeout(settings.timeout()).maxJobsActive(settings.maxJobsActive()).open())
                .toList();
    }

    private void handle(JobClient jobs, ActivatedJob job) {
        Map<String, Object> variables = job.getVariablesAsMap();
        // Zeebe has no business key: a timer-started instance (a schedule) has no runId, and gets one from its instance
        String runId = RunIds.of(variables.get("runId"), null, String.valueOf(job.getProcessInstanceKey()));
        StepContext context = new StepContext(runId, job.getBpmnProcessId(),
                job.getElementId(), job.getType(), String.valueOf(job.getKey()), Math.max(job.getRetries() - 1, 0),
                variables);
        Outcome outcome = invoker.invoke(context);
        try {
            if (outcome instanceof Outcome.Completed completed) {
                jobs.newCompleteCommand(job).variables(completed.variables()).send().join();
            } else if (outcome instanceof Outcome.Error error) {
                jobs.newThrowErrorCommand(job).errorCode(error.code()).errorMessage(error.message())
                        .variables(error.variables()).send().join();
            } else if (outcome instanceof Outcome.Failed failed) {
                int left = Math.max(job.getRetries() - 1, 0);
                jobs.newFailCommand(job).retries(left).errorMessage(failed.message())
                        .retryBackoff(RetryBackoff.after(retriesByJobType.getOrDefault(job.getType(), 3), left))
                        .send().join();
            }
        } catch (RuntimeException reportFailed) {
            // not rethrown: the client would fail the job a second time. The job times out and is
            // delivered again; its handler is idempotent.
            log.error("could not report the result of step {} (job {})", job.getElementId(), job.getKey(), reportFailed);
        }
    }

    @Override
    public void close() {
        workers.forEach(JobWorker::close);
    }
}
