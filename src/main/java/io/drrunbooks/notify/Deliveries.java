package io.drrunbooks.notify;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.notify.PendingDeliveries.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends in the background and retries with exponential back-off, so a dead webhook or SMTP server
 * never holds up a step, let alone a recovery. Every attempt's outcome goes into the
 * notification's audit trail. Each delivery is kept in the database until it got through or was
 * given up, and {@link #resume()} takes the kept ones up again after a restart.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final Map<String, Channel> channels;
    private final NotifyProperties.Delivery policy;
    private final AuditTrail audit;
    private final PendingDeliveries pending;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "notification-delivery");
        thread.setDaemon(true);
        return thread;
    });

    Deliveries(Map<String, Channel> channels, NotifyProperties.Delivery policy, AuditTrail audit, PendingDeliveries pending) {
        this.channels = channels;
        this.policy = policy;
        this.audit = audit;
        this.pending = pending;
    }

    void deliver(Channel.Message message, String channel, String target) {
        if (!channels.containsKey(channel)) {
            throw new IllegalArgumentException("unknown channel '" + channel + "'; known: " + channels.keySet());
        }
        Pending delivery = pending.add(message, channel, target, Instant.now());
        executor.execute(() -> attempt(delivery));
    }

    /** Schedules every delivery a stopped service left pending, each at its due time. */
    void resume() {
        for (Pending delivery : pending.all()) {
            long wait = Math.max(0, Duration.between(Instant.now(), delivery.due()).toMillis());
            executor.schedule(() -> attempt(delivery), wait, TimeUnit.MILLISECONDS);
        }
    }

    private void attempt(Pending delivery) {
        Channel.Message message = delivery.message();
        Channel channel = channels.get(delivery.channel());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", message.level());
        detail.put("contact", message.contact());
        detail.put("channel", delivery.channel());
        detail.put("target", delivery.target());
        detail.put("attempt", delivery.attempt());
        try {
            channel.send(message, delivery.target());
            pending.remove(delivery);
            record(message, "notification.delivered", detail);
        } catch (Exception failure) {
            detail.put("error", failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
            if (delivery.attempt() >= policy.attempts()) {
                pending.remove(delivery);
                record(message, "notification.undeliverable", detail);
                return;
            }
            Duration wait = policy.backoff().multipliedBy(1L << Math.min(delivery.attempt() - 1, 20));
            detail.put("retryIn", wait.toString());
            Pending next = pending.retry(delivery, Instant.now().plus(wait));
            record(message, "notification.delivery-failed", detail);
            executor.schedule(() -> attempt(next), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void record(Channel.Message message, String type, Map<String, Object> detail) {
        try {
            audit.append(message.notificationId(), Notifications.ACTOR, type, null, detail);
        } catch (RuntimeException e) {
            log.error("could not audit {} of notification {}: {}", type, message.notificationId(), detail, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
