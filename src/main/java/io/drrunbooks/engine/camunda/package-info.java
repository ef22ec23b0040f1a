/**
 * The Camunda 8 engine ({@code dr.engine=camunda}): the same runbooks on a Zeebe cluster, through
 * the Apache-2.0 Java client ({@code io.camunda:camunda-client-java}); never a broker or engine
 * artifact, which are under vendor terms (see the licence gate in the POM and README).
 *
 * <p>How the port maps onto the cluster:
 * <ul>
 *   <li>Deploy: at start, every model of {@code bpmn/} and every form of {@code forms/} in one
 *       deployment, unchanged (they are authored in the Zeebe dialect). The models are first checked
 *       against the portable subset with the embedded adapter's rules, so a model that one engine
 *       would refuse is refused by both; that pass also yields the retries per job type.</li>
 *   <li>Steps: a job worker per job type ({@code JobWorkers}) calls the handler through the shared
 *       {@link io.drrunbooks.engine.StepInvoker}; completed, BPMN error (code and variables) and
 *       failure (retries minus one, the shared {@link io.drrunbooks.engine.RetryBackoff}) map one to
 *       one onto Zeebe's CompleteJob, ThrowError and FailJob; {@code dr.step-lock-duration} is the job
 *       timeout, as it is the external-task lock on the embedded engine.</li>
 *   <li>Runs: our run id is the variable {@code runId}; the table {@code dr_run} maps it to the process
 *       instance key ({@code RunRegistry}). State, steps and variables come from the REST API's search
 *       endpoints ({@code RunSearch}); a run the search API has not caught up with yet is shown from
 *       its start variables, since Zeebe's secondary storage lags the engine.</li>
 *   <li>User tasks: Camunda user tasks through the REST API ({@code UserTasks}); the task id is the
 *       user task key, the form id is read from the task's linked form.</li>
 *   <li>Client: built from {@code camunda.client.*} ({@code CamundaClientProperties}), REST preferred
 *       over gRPC by default, so one port serves every command; with {@code prefer-rest-over-grpc=false}
 *       deployment, instance creation and the job commands go over the gateway's gRPC API instead (the
 *       searches and user task commands exist only in REST). The protocol tests cover both.</li>
 * </ul>
 */
package io.drrunbooks.engine.camunda;
