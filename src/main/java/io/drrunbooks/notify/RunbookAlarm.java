package io.drrunbooks.notify;

import io.drrunbooks.runbook.RunEnded;
import io.drrunbooks.runbook.RunStartHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * A started run of a runbook with an issue type ({@code dr.runbooks.<id>.issue-type}) raises a
 * notification of that type (a drill's only if {@code dr.drills.notify}); when a run ends, every
 * notification it raised is closed with its outcome, so none escalates about a run that is over. A
 * failure of either is logged and never stops the recovery.
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
                notifications.raiseFor(runId, type, "runbook " + runbook + " started, run " + runId);
            } catch (RuntimeException e) {
                log.error("run {} of {} could not raise its {} notification; the recovery goes on", runId, runbook, type, e);
            }
        });
    }

    @EventListener
    void onRunEnded(RunEnded ended) {
        try {
            notifications.closeRaisedBy(ended.runId(), ended.outcome());
        } catch (RuntimeException e) {
            log.error("run {} ended {}, but its notifications could not be closed; acknowledge them by hand",
                    ended.runId(), ended.outcome(), e);
        }
    }
}
