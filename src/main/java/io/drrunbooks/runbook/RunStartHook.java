package io.drrunbooks.runbook;

import java.nio.file.Path;

/** Hears about starting runs; the demo mode damages its registry here so a recovery has work to do. */
public interface RunStartHook {

    /**
     * Before the run exists: may prepare the target.
     *
     * @param targetRoot the root the run acts on: the live root, a new server's, or a drill's scratch copy
     */
    default void beforeStart(String runbook, String runId, Path targetRoot) {
    }

    /** Once the run has started and its start is in the audit trail; must not throw. */
    default void afterStart(String runbook, String runId) {
    }
}
