package io.drrunbooks.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The spec's health check (section 6.1): healthy is HTTP 200 with a JSON body whose {@code status}
 * is {@code ok}. A service that was just started needs a moment, so the probe retries with a
 * doubling back-off (0.25 s up to 5 s) until its timeout; the last attempt is made at the timeout,
 * not a back-off before it, and no attempt waits for an answer past it (but each gets at least a
 * second, so a probe without retries still gets an answer).
 */
final class HealthProbe {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);
    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    HealthResult check(String url, Duration timeout) {
        if (url == null || url.isBlank()) {
            return new HealthResult("", true, 0, "skipped: no health URL configured");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            String answer = probeOnce(url, clamp(remaining(deadline), MIN_ATTEMPT, MAX_ATTEMPT));
            if (answer == null) {
                return new HealthResult(url, true, attempt, "status ok");
            }
            Duration left = remaining(deadline);
            if (left.isZero() || Thread.currentThread().isInterrupted()) {
                return new HealthResult(url, false, attempt, answer);
            }
            sleep(clamp(backoff, Duration.ZERO, left));
            backoff = clamp(backoff.multipliedBy(2), Duration.ZERO, MAX_BACKOFF);
        }
    }

    /** Null when healthy, else the answer that was not. */
    private String probeOnce(String url, Duration attemptTimeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(attemptTimeout).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
            }
            Optional<JsonNode> body = parse(response.body());
            if (body.isEmpty()) {
                return "HTTP 200 but the body is not JSON: '" + abbreviate(response.body()) + "'";
            }
            JsonNode status = body.get().path("status");
            return "ok".equals(status.asText()) ? null : "status is " + (status.isMissingNode() ? "missing" : "'" + status.asText() + "'")
                    + ": " + abbreviate(response.body());
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return "bad health URL '" + url + "': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Optional<JsonNode> parse(String body) {
        try {
            return Optional.ofNullable(json.readTree(body)).filter(node -> !node.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
