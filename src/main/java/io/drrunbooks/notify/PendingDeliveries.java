package io.drrunbooks.notify;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deliveries not yet made, in the service's database ({@code dr_notification_delivery}): one row
 * from the hand-over to a channel until the message got through or was given up.
 */
final class PendingDeliveries {

    private final JdbcTemplate jdbc;

    PendingDeliveries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** One message to one target on one channel, and when its next attempt is due. */
    record Pending(String id, Channel.Message message, String channel, String target, int attempt, Instant due) {
    }

    Pending add(Channel.Message message, String channel, String target, Instant due) {
        Pending pending = new Pending(UUID.randomUUID().toString(), message, channel, target, 1, due);
        jdbc.update("INSERT INTO dr_notification_delivery (delivery_id, notification_id, issue_type, level_no, contact,"
                        + " subject, message_text, channel, target, attempt, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                pending.id(), message.notificationId(), message.issueType(), message.level(), message.contact(),
                message.subject(), message.text(), channel, target, pending.attempt(), due.toString());
        return pending;
    }

    Pending retry(Pending pending, Instant due) {
        Pending next = new Pending(pending.id(), pending.message(), pending.channel(), pending.target(),
                pending.attempt() + 1, due);
        jdbc.update("UPDATE dr_notification_delivery SET attempt = ?, due_at = ? WHERE delivery_id = ?",
                next.attempt(), due.toString(), pending.id());
        return next;
    }

    void remove(Pending pending) {
        jdbc.update("DELETE FROM dr_notification_delivery WHERE delivery_id = ?", pending.id());
    }

    List<Pending> all() {
        return jdbc.query("SELECT * FROM dr_notification_delivery ORDER BY due_at", (rs, row) -> new Pending(
                rs.getString("delivery_id"), new Channel.Message(rs.getString("notification_id"), rs.getString("issue_type"),
                rs.getInt("level_no"), rs.getString("contact"), rs.getString("subject"), rs.getString("message_text")),
                rs.getString("channel"), rs.getString("target"), rs.getInt("attempt"), Instant.parse(rs.getString("due_at"))));
    }
}
