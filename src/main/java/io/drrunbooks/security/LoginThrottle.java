package io.drrunbooks.security;

import io.drrunbooks.audit.AuditTrail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per user name and per client address. Past the free failures each further one locks its
 * user and address for a delay that doubles with each failure: while locked, an attempt is refused without its
 * password being checked (so guessing gains nothing by going faster, and a refusal does not lengthen the lock).
 * A success clears the user's count, not the address's: one valid account must not reset a guesser's address.
 * Each lock goes into the {@value #TRAIL} audit trail.
 */
final class LoginThrottle {

    static final String TRAIL = "security";
    /** Past this many counts, those older than the longest lock are forgotten: the maps hold recent guessers only. */
    private static final int MAX_ENTRIES = 10_000;

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    private final LoginThrottleProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    LoginThrottle(LoginThrottleProperties properties, AuditTrail audit, Clock clock) {
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** Throws when the user or the address is locked now. */
    void check(String user, String address) {
        Instant now = Instant.now(clock);
        remaining(byUser.get(user), now).ifPresent(wait -> {
            throw new LoginThrottledException("user '" + user + "'", wait);
        });
        remaining(byAddress.get(address), now).ifPresent(wait -> {
            throw new LoginThrottledException("address " + address, wait);
        });
    }

    void failed(String user, String address) {
        Instant now = Instant.now(clock);
        forgetOld(now);
        Failures userFailures = byUser.merge(user, new Failures(1, now, now), (old, one) -> next(old, now));
        Failures addressFailures = byAddress.merge(address, new Failures(1, now, now), (old, one) -> next(old, now));
        if (userFailures.lockedUntil().isAfter(now) || addressFailures.lockedUntil().isAfter(now)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("user", user);
            detail.put("address", address);
            detail.put("userFailures", userFailures.count());
            detail.put("addressFailures", addressFailures.count());
            detail.put("lockedUntil", (userFailures.lockedUntil().isAfter(addressFailures.lockedUntil())
                    ? userFailures : addressFailures).lockedUntil().toString());
            audit.append(TRAIL, null, "sign-in.throttled", null, detail);
        }
    }

    void succeeded(String user) {
        byUser.remove(user);
    }

    private Failures next(Failures old, Instant now) {
        int count = old.count() + 1;
        int beyond = count - properties.freeFailures();
        if (beyond <= 0) {
            return new Failures(count, now, now);
        }
        Duration delay = properties.firstDelay().multipliedBy(1L << Math.min(beyond - 1, 30));
        return new Failures(count, now, now.plus(delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay));
    }

    private static Optional<Duration> remaining(Failures failures, Instant now) {
        return failures == null || !failures.lockedUntil().isAfter(now) ? Optional.empty()
                : Optional.of(Duration.between(now, failures.lockedUntil()));
    }

    /** A count whose last failure is older than the longest lock no longer locks anything worth keeping. */
    private void forgetOld(Instant now) {
        for (Map<String, Failures> counts : List.of(byUser, byAddress)) {
            if (counts.size() > MAX_ENTRIES) {
                counts.values().removeIf(failures -> failures.last().plus(properties.maxDelay()).isBefore(now));
            }
        }
    }
}
