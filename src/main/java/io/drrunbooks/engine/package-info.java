/**
 * The engine port: what the REST API, the command line's service commands and the tests use to
 * run runbooks, whichever workflow engine is underneath.
 *
 * <p>A runbook step is a {@link io.drrunbooks.engine.StepHandler}: variables in, variables out, or a
 * {@link io.drrunbooks.engine.BpmnError} with a code. Handlers know nothing of the engine; each
 * adapter fetches work for a job type and calls the handler through {@link io.drrunbooks.engine.StepInvoker},
 * which times the step and reports it to a {@link io.drrunbooks.engine.StepObserver} (the audit trail).
 * A run is identified by our own run id (a UUID), which both engines carry as the business key /
 * a process variable, so ids never leak an engine's key format to scripts.
 */
package io.drrunbooks.engine;
