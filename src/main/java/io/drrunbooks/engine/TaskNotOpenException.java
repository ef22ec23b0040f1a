package io.drrunbooks.engine;

/** A user task that does not exist or is no longer open (completed already, or its run ended). */
public class TaskNotOpenException extends RuntimeException {
    public TaskNotOpenException(String taskId) {
        super("task '" + taskId + "' is not open: it does not exist, was completed already, or its run has ended");
    }
}
