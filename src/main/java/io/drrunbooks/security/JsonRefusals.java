package io.drrunbooks.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

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

    record Forbidden(HandlerExceptionResolver errors) implements AccessDeniedHandler {
        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) {
            errors.resolveException(request, response, null, e);
        }
    }
}
