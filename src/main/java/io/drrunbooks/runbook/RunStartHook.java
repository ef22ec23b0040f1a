package io.drrunbooks.runbook;

/** Hears about starting runs; the demo mode damages its registry here so a recovery has work to do. */
public interface RunStartHook {

    /** Before the run exists: may prepare the target. */
    default void beforeStart(String runbook, String runId) {
    }

    /** Once the run has started and its start is in the audit trail; must not throw. */
    default void afterStart(String runbook, String runId) {
    }
}
