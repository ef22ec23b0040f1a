/**
 * Notifications and escalation paths (spec section 7): who is told about an issue, on which
 * channels, and who is told next when nobody answers.
 *
 * <p>The algorithm is a BPMN model, {@code bpmn/escalation.bpmn}, so each notification shows in
 * the diagram and the audit trail like any runbook step:
 * <ol>
 *   <li>{@link io.drrunbooks.notify.Notifications#raise} starts one run of the {@code escalation}
 *       process per notification; the notification id is the run id and the message correlation
 *       key ({@code notificationId}), and {@code level} starts at 0, the first contact.</li>
 *   <li>Step {@code notify-contacts} records {@code notification.sent} for the level, then hands
 *       each contact's e-mail addresses and webhook URLs to the background deliveries, which retry
 *       with doubling back-off and audit every attempt. A level already recorded as sent is not sent
 *       again when its job is delivered twice.</li>
 *   <li>Each level is the sub-process {@code level}: step 2, then, if a higher level exists, the
 *       level's timer ({@code dr.escalation.<type>.levels[n].after}, the variable {@code after}). When
 *       it passes, the sub-process ends in the BPMN escalation {@code next-level}; the interrupting
 *       escalation boundary event on it leads to step {@code escalate-level} ({@code level + 1},
 *       audited as {@code notification.escalated}) and into the sub-process again. The message
 *       boundary event interrupts a level at any point; the last level's sub-process ends normally
 *       and the run waits for the acknowledgement alone: the notification stays open until answered.</li>
 *   <li>{@link io.drrunbooks.notify.Notifications#acknowledge} correlates the message
 *       {@code notification-acknowledged}, which ends the run, and audits who acknowledged at which
 *       level, in the notification's trail and in the trail of the run that raised it.</li>
 * </ol>
 * A runbook whose {@code dr.runbooks.<id>.issue-type} is set raises a notification of that type
 * once its run has started; {@link io.drrunbooks.notify.Incidents} raises one per distinct problem an
 * event reports (the problem is claimed in the database first, so a repeated check stays quiet).
 * Deliveries are kept in the database until they got through or were given up, and resumed at the
 * next start. Nothing here can fail or slow a recovery.
 */
package io.drrunbooks.notify;
