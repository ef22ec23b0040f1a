package io.drrunbooks.runbook;

/** Called before a run starts; the demo mode damages its registry here so a recovery has work to do. */
public interface RunStartHook {
    void beforeStart(String runbook, String runId);
}
