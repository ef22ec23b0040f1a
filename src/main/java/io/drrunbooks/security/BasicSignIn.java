package io.drrunbooks.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * HTTP Basic, checked before the CSRF filter so that the CSRF exemption can rest on what happened here: only a
 * request whose Basic credentials were checked and accepted is exempt. Any other {@code Authorization} header
 * (a Bearer token nobody checks, or Basic credentials skipped because a session already signed in the same user)
 * leaves a session cookie needing its CSRF token.
 */
final class BasicSignIn extends BasicAuthenticationFilter {

    private static final String SIGNED_IN = BasicSignIn.class.getName() + ".signedIn";

    BasicSignIn(AuthenticationManager authentication, AuthenticationEntryPoint refusal) {
        super(authentication, refusal);
    }

    @Override
    protected void onSuccessfulAuthentication(HttpServletRequest request, HttpServletResponse response, Authentication result) {
        request.setAttribute(SIGNED_IN, Boolean.TRUE);
    }

    /** Whether this request's own Basic credentials signed it in (not a session). */
    static boolean signedIn(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(SIGNED_IN));
    }
}
