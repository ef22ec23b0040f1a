package io.drrunbooks.engine;

/**
 * A run's id, by one rule on both engines: the one the run service gave it (variable {@code runId},
 * also the business key where the engine has one), or, for a run a timer started (a scheduled
 * backup), one derived from its process instance. A step of a scheduled run thereby gets an id of
 * its own, so what it records (e.g. the run it started) is found again by a redelivery of that
 * step, never by the next firing of the schedule.
 */
public final class RunIds {

    static final String SCHEDULED_PREFIX = "run-";

    private RunIds() {
    }

    /**
     * @param runIdVariable     the instance's variable {@code runId}, or null
     * @param businessKey       the instance's business key, or null (Zeebe has none)
     * @param processInstanceId the engine's id or key of the process instance
     */
    public static String of(Object runIdVariable, String businessKey, String processInstanceId) {
        if (runIdVariable != null) {
            return runIdVariable.toString();
        }
        return businessKey != null ? businessKey : SCHEDULED_PREFIX + processInstanceId;
    }

    /** The process instance id of a scheduled run's id, or null for a run started through the service. */
    public static String scheduledInstance(String runId) {
        return runId.startsWith(SCHEDULED_PREFIX) ? runId.substring(SCHEDULED_PREFIX.length()) : null;
    }
}
