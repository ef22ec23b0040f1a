package io.drrunbooks.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code dr.security.login-throttle.*}: after {@code free-failures} failed sign-ins of one user, or from one address,
 * the next attempt waits {@code first-delay}, doubled with each further failure up to {@code max-delay}.
 */
@ConfigurationProperties("dr.security.login-throttle")
record LoginThrottleProperties(@DefaultValue("5") int freeFailures, @DefaultValue("PT1S") Duration firstDelay,
                               @DefaultValue("PT15M") Duration maxDelay) {
}
