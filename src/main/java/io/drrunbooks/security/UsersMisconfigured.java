package io.drrunbooks.security;

/** The configured users cannot be used: the service refuses to start and says how to configure them. */
final class UsersMisconfigured extends IllegalStateException {

    UsersMisconfigured(String problem) {
        super(problem);
    }
}
