package io.drrunbooks.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A sign-in refused unchecked because its user or address failed too often lately; the API answers 429. */
public final class LoginThrottledException extends AuthenticationException {

    private final transient Duration retryAfter;

    LoginThrottledException(String who, Duration retryAfter) {
        super("too many failed sign-ins of " + who + ": try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
