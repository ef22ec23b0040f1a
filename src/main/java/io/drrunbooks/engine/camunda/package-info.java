/**
 * The Camunda 8 engine ({@code dr.engine=camunda}): the same runbooks on a Zeebe cluster, through
 * the Apache-2.0 Camunda Spring Boot starter and its Java client; never a broker or engine artifact,
 * which are under vendor terms (see the licence gate in the POM and README).
 *
 * <p>How the port maps onto the cluster:
 * <ul>
 *   <li>Deploy: at start, every model of {@code bpmn/} and every form of {@code forms/} in one
 *       deployment, unchanged (they are authored in the Zeebe dialect). The models are first checked
 *       against the portable subset with the embedded adapter's rules ({@code ModelFacts}), so a model
 *       that one engine would refuse is refused by both; that pass also yields the retries per job type
 *       and the processes with user tasks.</li>
 *   <li>Steps: a job worker per job type ({@code JobWorkers}) calls the handler through the shared
 *       {@link io.drrunbooks.engine.StepInvoker}; completed, BPMN error (code and variables) and
 *       failure (retries minus one, the shared {@link io.drrunbooks.engine.RetryBackoff}) map one to
 *       one onto Zeebe's CompleteJob, ThrowError and FailJob; {@code dr.step-lock-duration} is the job
 *       timeout, as it is the external-task lock on the embedded engine, and the worker is named after
 *       this instance as the embedded engine's lock owner is. The client gets a job thread for every job
 *       the workers may hold, so no activated job waits while its timeout runs. A job of a timer-started
 *       instance (a schedule) has the run id {@code run-<instance key>} ({@link io.drrunbooks.engine.RunIds}).</li>
 *   <li>Runs: our run id is the variable {@code runId}; the table {@code dr_run} maps it to the process
 *       instance key ({@code RunRegistry}). State, steps and variables come from the REST API's search
 *       endpoints ({@code RunSearch}); a run the search API has not caught up with yet is shown from
 *       its start variables, since Zeebe's secondary storage lags the engine.</li>
 *   <li>User tasks: Camunda user tasks through the REST API ({@code UserTasks}); the task id is the
 *       user task key, the form id is read from the task's linked form. All open tasks are those of the
 *       service's own processes, never another application's on the same cluster.</li>
 *   <li>Client: the starter's, built from {@code camunda.client.*} and switched on by {@code dr.engine}
 *       alone ({@code CamundaClientSwitch}); REST preferred over gRPC by default, so one port serves
 *       every command; with {@code prefer-rest-over-grpc=false} deployment, instance creation and the
 *       job commands go over the gateway's gRPC API instead (the searches and user task commands exist
 *       only in REST). Its JSON mapper is the starter's default, a copy of the service's ObjectMapper, so
 *       variables read as the embedded engine stores them (times as ISO-8601 text). The protocol tests
 *       cover both protocols.</li>
 * </ul>
 */
package io.drrunbooks.engine.camunda;
