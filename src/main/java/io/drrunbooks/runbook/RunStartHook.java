package io.drrunbooks.runbook;

import java.nio.file.Path;

/** Called before a run starts; the demo mode damages its registry here so a recovery has work to do. */
public interface RunStartHook {

    /**
     * @param targetRoot the root the run acts on: the live root, a new server's, or a drill's scratch copy
     */
    void beforeStart(String runbook, String runId, Path targetRoot);
}
