package io.drrunbooks.notify;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.notify.NotifyProperties.Contact;
import io.drrunbooks.notify.NotifyProperties.Level;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The work of the escalation model's two steps: notify a level's contacts on every channel they
 * have, and move to the next level. A level is notified once, however often its job is delivered:
 * the notification's audit trail is the ledger of what was sent.
 */
final class LevelNotifier {

    private final EscalationPaths paths;
    private final Deliveries deliveries;
    private final AuditTrail audit;

    LevelNotifier(EscalationPaths paths, Deliveries deliveries, AuditTrail audit) {
        this.paths = paths;
        this.deliveries = deliveries;
        this.audit = audit;
    }

    /** Step {@code notify-contacts}: returns the level's contacts, whether a higher level exists, and its time. */
    Map<String, Object> notifyLevel(StepContext context) {
        String id = context.string(Notifications.KEY);
        String type = context.string("issueType");
        int level = level(context);
        Level current = paths.level(type, level);
        // a drill's notification (dr.drills.notify) tells the first level only, and never escalates
        boolean drill = context.flag(Notifications.DRILL);
        boolean higher = !drill && paths.hasHigherLevel(type, level);
        if (!alreadySent(id, level)) {
            String reach = higher ? "escalates after " + current.after() : drill ? "a drill: never escalated" : "last level";
            send(id, type, level, current, context.optionalString("subject").orElse(type), reach);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("contacts", current.contacts());
        output.put("hasHigherLevel", higher);
        if (higher) {
            output.put("after", current.after().toString());
        }
        return output;
    }

    /**
     * Step {@code escalate-level}, after the level's {@code next-level} escalation: nobody acknowledged
     * in time, so the next level takes over.
     */
    Map<String, Object> escalate(StepContext context) {
        int from = level(context);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", from);
        detail.put("to", from + 1);
        detail.put("unacknowledgedFor", context.optionalString("after").orElse(""));
        audit.append(context.string(Notifications.KEY), Notifications.ACTOR, "notification.escalated", context.step(), detail);
        return Map.of("level", from + 1);
    }

    private void send(String id, String type, int level, Level current, String subject, String reach) {
        String text = "[" + type + "] " + subject + " (level " + level + ", " + reach + "). Acknowledge: POST /api/notifications/"
                + id + "/ack";
        List<Map<String, Object>> targets = new ArrayList<>();
        List<Runnable> sends = new ArrayList<>();
        for (String name : current.contacts()) {
            Contact contact = paths.contacts().get(name);
            Channel.Message message = new Channel.Message(id, type, level, name, subject, text);
            contact.email().forEach(address -> {
                targets.add(Map.of("contact", name, "channel", "email", "target", address));
                sends.add(() -> deliveries.deliver(message, "email", address));
            });
            contact.webhook().forEach(url -> {
                targets.add(Map.of("contact", name, "channel", "webhook", "target", url));
                sends.add(() -> deliveries.deliver(message, "webhook", url));
            });
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", level);
        detail.put("contacts", current.contacts());
        detail.put("deliveries", targets);
        detail.put("text", text);
        // recorded before anything is sent, so a repeated step sends nothing twice; each send is kept as a pending
        // delivery, which a crash between its send and its removal sends once more
        audit.append(id, Notifications.ACTOR, "notification.sent", "notify-contacts", detail);
        sends.forEach(Runnable::run);
    }

    private boolean alreadySent(String id, int level) {
        return audit.events(id).stream().anyMatch(event -> event.type().equals("notification.sent")
                && Integer.valueOf(level).equals(((Number) event.detail().get("level")).intValue()));
    }

    private static int level(StepContext context) {
        return context.variable("level").map(value -> ((Number) value).intValue()).orElse(0);
    }
}
