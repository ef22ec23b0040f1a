package io.drrunbooks.notify;

import io.drrunbooks.audit.ChainCheck;
import io.drrunbooks.runbook.AuditCrossCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Recomputes every run's chain, and checks it against its signed head and the engine's runs ({@link AuditCrossCheck}), every {@code dr.audit.check-interval} and raises a security incident for each
 * broken one (once per problem, as every incident). The verification GETs only read: reading must not notify.
 */
@Component
class AuditChainWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditChainWatch.class);

    private final AuditCrossCheck audit;
    private final Incidents incidents;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-chain-watch");
        thread.setDaemon(true);
        return thread;
    });

    AuditChainWatch(AuditCrossCheck audit, Incidents incidents, @Value("${dr.audit.check-interval:PT5M}") Duration interval) {
        this.audit = audit;
        this.incidents = incidents;
        timer.scheduleWithFixedDelay(this::checkLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: the broken chains, each raised. */
    List<ChainCheck> check() {
        List<ChainCheck> broken = audit.all().stream().filter(c -> !c.intact()).toList();
        broken.forEach(incidents::chainBroken);
        return broken;
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) { // the next pass tries again; a dead timer would check nothing any more
            log.warn("the scheduled audit chain check failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
