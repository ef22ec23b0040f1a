package io.drrunbooks.web;

import io.drrunbooks.engine.TaskNotOpenException;
import io.drrunbooks.runbook.FormValidationException;
import io.drrunbooks.runbook.FourEyesException;
import io.drrunbooks.security.LoginThrottledException;
import io.drrunbooks.runbook.TargetHeldException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every refusal as JSON {@code {"status", "error", "message", "path"}} (plus {@code fields} for
 * form errors): bad input is a 4xx naming the problem, and nothing ever shows a stack trace.
 */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
        return body(e.status(), e.getMessage(), request);
    }

    @ExceptionHandler(TaskNotOpenException.class)
    ResponseEntity<Map<String, Object>> taskNotOpen(TaskNotOpenException e, HttpServletRequest request) {
        return body(HttpStatus.NOT_FOUND, e.getMessage(), request);
    }

    @ExceptionHandler(FormValidationException.class)
    ResponseEntity<Map<String, Object>> form(FormValidationException e, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> response = body(HttpStatus.BAD_REQUEST, e.getMessage(), request);
        response.getBody().put("fields", e.fields());
        return response;
    }

    @ExceptionHandler(FourEyesException.class)
    ResponseEntity<Map<String, Object>> fourEyes(FourEyesException e, HttpServletRequest request) {
        return body(HttpStatus.FORBIDDEN, e.getMessage(), request);
    }

    @ExceptionHandler(TargetHeldException.class)
    ResponseEntity<Map<String, Object>> targetHeld(TargetHeldException e, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> response = body(HttpStatus.CONFLICT, e.getMessage(), request);
        response.getBody().put("heldBy", e.heldBy());
        return response;
    }

    /** Raised by the security filters (through {@code security.JsonRefusals}) as much as by controllers. */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Map<String, Object>> unauthenticated(AuthenticationException e, HttpServletRequest request) {
        return body(HttpStatus.UNAUTHORIZED, "sign in first (the console's login page, or HTTP Basic): "
                + e.getMessage(), request);
    }

    /** 429 with Retry-After: the sign-in was not even checked, its user or address failed too often lately. */
    @ExceptionHandler(LoginThrottledException.class)
    ResponseEntity<Map<String, Object>> throttled(LoginThrottledException e, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> refusal = body(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request);
        return ResponseEntity.status(refusal.getStatusCode())
                .header("Retry-After", String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)))
                .body(refusal.getBody());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> forbidden(AccessDeniedException e, HttpServletRequest request) {
        return body(HttpStatus.FORBIDDEN, e.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, UnreadableBody.describe(e), request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            IllegalArgumentException.class})
    ResponseEntity<Map<String, Object>> badArgument(Exception e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Map<String, Object>> rejectedPath(RequestRejectedException e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, "the request's path is refused: " + e.getMessage(), request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noSuchPath(NoResourceFoundException e, HttpServletRequest request) {
        return body(HttpStatus.NOT_FOUND, "no such endpoint: " + request.getMethod() + " " + request.getRequestURI(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage() + "; send application/json", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), request);
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        body.put("path", request.getRequestURI());
        return ResponseEntity.status(status).body(body);
    }
}
