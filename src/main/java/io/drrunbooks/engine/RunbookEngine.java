package io.drrunbooks.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The port every workflow engine adapter implements. */
public interface RunbookEngine {

    /** {@code embedded} or {@code camunda}, as shown by {@code /actuator/info}. */
    String name();

    /**
     * Starts the process {@code processId} as run {@code runId} with the given variables; the run id
     * is also set as the variable {@code runId}.
     */
    void start(String processId, String runId, Map<String, Object> variables);

    Optional<EngineRun> run(String runId);

    /** All runs, newest first. */
    default List<EngineRun> runs() {
        return runs(null, Integer.MAX_VALUE);
    }

    /**
     * The newest {@code limit} runs of these processes (of every process when null), newest first: what
     * a page of the run list or a prediction from recent runs needs, without reading every run there is.
     */
    List<EngineRun> runs(Collection<String> processIds, int limit);

    /** Open user tasks, of one run or (runId null) of all runs. */
    List<UserTask> tasks(String runId);

    Optional<UserTask> task(String taskId);

    /** Completes an open user task; {@link TaskNotOpenException} when it is unknown or already done. */
    void completeTask(String taskId, Map<String, Object> variables);

    /**
     * Delivers a message to the run waiting for it: the one whose variable named by the message's
     * correlation key ({@code zeebe:subscription correlationKey="=name"}) equals {@code correlationKey}.
     * A run between two waits for the message still gets it (Zeebe buffers a published message).
     *
     * @return false when no active run catches the message with that key
     */
    boolean correlate(String message, String correlationKey, Map<String, Object> variables);

    /** Cancels an active run. */
    void cancel(String runId, String reason);

    /** Process ids of every deployed runbook model. */
    List<String> deployedProcesses();
}
