package io.drrunbooks.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refusal over the users into Spring Boot's short "APPLICATION FAILED TO START" report, not a stack trace. */
class UsersFailureAnalyzer extends AbstractFailureAnalyzer<UsersMisconfigured> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UsersMisconfigured cause) {
        return new FailureAnalysis(cause.getMessage(), "Configure the users as the message says, or try the service out"
                + " with the demo profile (--spring.profiles.active=demo), which brings its own.", cause);
    }
}
