package io.drrunbooks.rto;

import java.time.Duration;
import java.time.Instant;

/**
 * A run's recovery-time budget. The engine enforces it with two non-interrupting timers on the
 * recovery scope, {@code rtoWarning} (a share of the RTO) and {@code rto}; this type computes the
 * same instants for display, so both agree on when a run is late.
 *
 * @param warningShare the share of the RTO after which the commander is warned, in (0, 1]
 */
public record RtoBudget(Duration rto, double warningShare) {

    public RtoBudget {
        if (rto.isNegative() || rto.isZero()) {
            throw new IllegalArgumentException("an RTO must be positive, got " + rto);
        }
        if (!(warningShare > 0 && warningShare <= 1)) {
            throw new IllegalArgumentException("the RTO warning share must be in (0, 1], got " + warningShare);
        }
    }

    public Duration warningAfter() {
        return Duration.ofMillis((long) (rto.toMillis() * warningShare));
    }

    public Instant deadline(Instant startedAt) {
        return startedAt.plus(rto);
    }

    /** Where a run stands against the budget at {@code now} (or at its end, if it ended). */
    public RtoStatus status(Instant startedAt, Instant endedAt, Instant now) {
        Instant until = endedAt != null ? endedAt : now;
        Duration elapsed = Duration.between(startedAt, until);
        Instant deadline = deadline(startedAt);
        return new RtoStatus(rto, deadline, elapsed, rto.minus(elapsed), until.isAfter(deadline));
    }

    /** Elapsed and remaining budget; {@code remaining} is negative once breached. */
    public record RtoStatus(Duration rto, Instant deadline, Duration elapsed, Duration remaining, boolean overdue) {
    }
}
