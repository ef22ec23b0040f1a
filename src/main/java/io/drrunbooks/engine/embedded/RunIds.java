package io.drrunbooks.engine.embedded;

/**
 * A run's id: the one the run service gave it (variable {@code runId}, also the business key), or,
 * for a run a timer started (a scheduled backup), one derived from its process instance.
 */
final class RunIds {

    static final String SCHEDULED_PREFIX = "run-";

    private RunIds() {
    }

    static String of(Object runIdVariable, String businessKey, String processInstanceId) {
        if (runIdVariable != null) {
            return runIdVariable.toString();
        }
        return businessKey != null ? businessKey : SCHEDULED_PREFIX + processInstanceId;
    }

    /** The process instance id of a scheduled run's id, or null for a run started through the service. */
    static String scheduledInstance(String runId) {
        return runId.startsWith(SCHEDULED_PREFIX) ? runId.substring(SCHEDULED_PREFIX.length()) : null;
    }
}
