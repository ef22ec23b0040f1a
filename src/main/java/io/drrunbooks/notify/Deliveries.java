package io.drrunbooks.notify;

import io.drrunbooks.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends in the background and retries with exponential back-off, so a dead webhook or SMTP server
 * never holds up a step, let alone a recovery. Every attempt's outcome goes into the
 * notification's audit trail. Pending retries live in memory: a restart drops them, and the
 * trail shows which deliveries never succeeded.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final Map<String, Channel> channels;
    private final NotifyProperties.Delivery policy;
    private final AuditTrail audit;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "notification-delivery");
        thread.setDaemon(true);
        return thread;
    });

    Deliveries(Map<String, Channel> channels, NotifyProperties.Delivery policy, AuditTrail audit) {
        this.channels = channels;
        this.policy = policy;
        this.audit = audit;
    }

    void deliver(Channel.Message message, String channel, String target) {
        Channel through = channels.get(channel);
        if (through == null) {
            throw new IllegalArgumentException("unknown channel '" + channel + "'; known: " + channels.keySet());
        }
        executor.execute(() -> attempt(message, through, target, 1));
    }

    private void attempt(Channel.Message message, Channel channel, String target, int attempt) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", message.level());
        detail.put("contact", message.contact());
        detail.put("channel", channel.name());
        detail.put("target", target);
        detail.put("attempt", attempt);
        try {
            channel.send(message, target);
            record(message, "notification.delivered", detail);
        } catch (Exception failure) {
            detail.put("error", failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
            if (attempt >= policy.attempts()) {
                record(message, "notification.undeliverable", detail);
                return;
            }
            Duration wait = policy.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
            detail.put("retryIn", wait.toString());
            record(message, "notification.delivery-failed", detail);
            executor.schedule(() -> attempt(message, channel, target, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
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
