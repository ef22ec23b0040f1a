package io.drrunbooks.notify;

import io.drrunbooks.runbook.RunStartHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started run of a runbook with an issue type ({@code dr.runbooks.<id>.issue-type}) raises a
 * notification of that type. A failure to raise it is logged and never stops the recovery.
 */
final class RunbookAlarm implements RunStartHook {

    private static final Logger log = LoggerFactory.getLogger(RunbookAlarm.class);

    private final Notifications notifications;
    private final EscalationPaths paths;

    RunbookAlarm(Notifications notifications, EscalationPaths paths) {
        this.notifications = notifications;
        this.paths = paths;
    }

    @Override
    public void afterStart(String runbook, String runId) {
        paths.issueTypeOf(runbook).ifPresent(type -> {
            try {
                notifications.raise(type, "runbook " + runbook + " started, run " + runId, runId, Notifications.ACTOR);
            } catch (RuntimeException e) {
                log.error("run {} of {} could not raise its {} notification; the recovery goes on", runId, runbook, type, e);
            }
        });
    }
}
