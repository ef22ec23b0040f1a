package io.drrunbooks.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The spec's health check (section 6.1): healthy is HTTP 200 with a JSON body whose {@code status}
 * is {@code ok}. A service that was just started needs a moment, so the probe retries with a
 * doubling back-off (0.25 s up to 5 s) until its timeout.
 */
final class HealthProbe {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    HealthResult check(String url, Duration timeout) {
        if (url == null || url.isBlank()) {
            return new HealthResult("", true, 0, "skipped: no health URL configured");
        }
        Instant deadline = Instant.now().plus(timeout);
        Duration backoff = FIRST_BACKOFF;
        int attempts = 0;
        String last;
        while (true) {
            attempts++;
            last = probeOnce(url);
            if (last == null) {
                return new HealthResult(url, true, attempts, "status ok");
            }
            if (Instant.now().plus(backoff).isAfter(deadline)) {
                return new HealthResult(url, false, attempts, last);
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Null when healthy, else why not. */
    private String probeOnce(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
            }
            JsonNode status = json.readTree(response.body()).path("status");
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
