package io.drrunbooks.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The check of user and password behind the {@link LoginThrottle}: locked ones are refused before it, wrong ones counted. */
record ThrottledSignIn(AuthenticationManager passwords, LoginThrottle throttle) implements AuthenticationManager {

    @Override
    public Authentication authenticate(Authentication attempt) {
        String user = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        throttle.check(user, address);
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(user);
            return signedIn;
        } catch (BadCredentialsException wrong) {
            throttle.failed(user, address);
            throw wrong;
        }
    }
}
