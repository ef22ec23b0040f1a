package io.drrunbooks.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.notify.Notifications;
import io.drrunbooks.notify.Notifications.Notification;
import io.drrunbooks.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/notifications}: raise one for an event, list open and past ones, acknowledge one. Who
 * raises and who acknowledges is the signed-in user: an {@code actor} in the body is ignored, as a
 * claim nobody checked.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationsController {

    private final Notifications notifications;
    private final AcknowledgeRoles acknowledgeRoles;

    NotificationsController(Notifications notifications, AcknowledgeRoles acknowledgeRoles) {
        this.notifications = notifications;
        this.acknowledgeRoles = acknowledgeRoles;
    }

    @GetMapping
    List<Notification> list() {
        return notifications.list();
    }

    @GetMapping("/{id}")
    Notification one(@PathVariable String id) {
        return notifications.find(id).orElseThrow(() -> unknown(id));
    }

    /** An event from outside a run (a monitor, a cron script): {@code {"issueType","subject"}}. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> raise(@RequestBody JsonNode body, Authentication caller) {
        Caller.requireOneOf(caller, Roles.ACTING, "raise a notification");
        String issueType = RunsController.requiredText(body, "issueType");
        String subject = RunsController.requiredText(body, "subject");
        return Map.of("notificationId", notifications.raise(issueType, subject, caller.getName()));
    }

    /** Stops the escalation, acknowledged by the signed-in user; no body is needed. An auditor only reads. */
    @PostMapping("/{id}/ack")
    Map<String, Object> acknowledge(@PathVariable String id, Authentication caller) {
        Notification notification = notifications.find(id).orElseThrow(() -> unknown(id));
        Caller.requireOneOf(caller, acknowledgeRoles.of(notification.issueType()),
                "acknowledge a " + notification.issueType() + " notification");
        if (!notification.open() || !notifications.acknowledge(id, caller.getName())) {
            throw new ApiException(HttpStatus.CONFLICT, "notification '" + id + "' is not open: acknowledged by "
                    + notification.acknowledgedBy() + " at " + notification.acknowledgedAt());
        }
        return Map.of("notificationId", id, "acknowledged", true);
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("no notification '" + id + "'");
    }
}
