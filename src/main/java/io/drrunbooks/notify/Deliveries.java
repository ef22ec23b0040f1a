package io.drrunbooks.notify;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.notify.PendingDeliveries.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The deliveries this instance has scheduled: a resume must not schedule them a second time. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
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
        inHand.add(delivery.id());
        executor.execute(() -> attempt(delivery));
    }

    /**
     * Schedules every delivery a stopped service left pending, each at its due time, but those this instance
     * has in hand already (steps of the engine may have run before the service was ready).
     */
    void resume() {
        for (Pending delivery : pending.all()) {
            if (inHand.add(delivery.id())) {
                long wait = Math.max(0, Duration.between(Instant.now(), delivery.due()).toMillis());
                executor.schedule(() -> attempt(delivery), wait, TimeUnit.MILLISECONDS);
            }
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
        } catch (Exception failure) {
            detail.put("error", failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
            if (delivery.attempt() >= policy.attempts()) {
                done(delivery);
                record(message, "notification.undeliverable", detail);
                return;
            }
            Duration wait = policy.backoff().multipliedBy(1L << Math.min(delivery.attempt() - 1, 20));
            detail.put("retryIn", wait.toString());
            Pending next = retry(delivery, Instant.now().plus(wait));
            record(message, "notification.delivery-failed", detail);
            executor.schedule(() -> attempt(next), wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        done(delivery); // apart from the send: a failure to forget it must not send it again
        record(message, "notification.delivered", detail);
    }

    /** The next attempt, kept in the database; in memory only when that fails, so the retry still happens. */
    private Pending retry(Pending delivery, Instant due) {
        try {
            return pending.retry(delivery, due);
        } catch (RuntimeException e) {
            log.error("could not keep the retry of delivery {}; it is retried all the same", delivery.id(), e);
            return new Pending(delivery.id(), delivery.message(), delivery.channel(), delivery.target(),
                    delivery.attempt() + 1, due);
        }
    }

    private void done(Pending delivery) {
        try {
            pending.remove(delivery);
        } catch (RuntimeException e) {
            log.error("delivery {} is done but stays listed as pending; a restart would send it again", delivery.id(), e);
        } finally {
            inHand.remove(delivery.id());
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
