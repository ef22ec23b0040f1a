package io.drrunbooks.engine;

import java.time.Duration;

/**
 * How long a failed step waits before its next attempt, the same on both engines so a flaky step
 * is retried on the same schedule wherever it runs: doubling with every attempt made (2 s, 4 s,
 * 8 s ...), at most a minute.
 */
public final class RetryBackoff {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(1);

    private RetryBackoff() {
    }

    /**
     * @param configuredRetries the task's {@code zeebe:taskDefinition retries}
     * @param retriesLeft attempts still to come after the one that failed
     */
    public static Duration after(int configuredRetries, int retriesLeft) {
        int attemptsMade = Math.max(1, configuredRetries - retriesLeft);
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(attemptsMade - 1, 5));
        return backoff.compareTo(MAX) > 0 ? MAX : backoff;
    }
}
