package io.drrunbooks.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;

/**
 * Refusals of the security filters handed to the API's own error handling, so that a 401 or 403
 * has the same JSON shape as every other error, whether a filter or a controller refused.
 */
final class JsonRefusals {

    private JsonRefusals() {
    }

    /** 401; the Basic challenge is left out for the console, so that the browser shows no password dialog of its own. */
    record Unauthenticated(HandlerExceptionResolver errors) implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
            if (request.getHeader("X-Requested-With") == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"dr-runbooks\"");
            }
            errors.resolveException(request, response, null, e);
        }
    }

    /**
     * 403; but a request without a signed-in user that the CSRF filter stopped is a 401, as any other request of
     * nobody: the missing token is not what keeps it out.
     */
    record Forbidden(HandlerExceptionResolver errors, AuthenticationEntryPoint unauthenticated) implements AccessDeniedHandler {
        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException, ServletException {
            if (e instanceof CsrfException && !signedIn()) {
                unauthenticated.commence(request, response, new InsufficientAuthenticationException("nobody is signed in"));
                return;
            }
            errors.resolveException(request, response, null, e);
        }

        private static boolean signedIn() {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            return current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken);
        }
    }
}
