package io.drrunbooks.target;

import io.drrunbooks.target.HealthEndpoint.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dr.target.health-url} against a real HTTP endpoint: healthy is HTTP 200 with a JSON body whose status is ok. */
class TargetHealthTest {

    private static final String OK = "{\"status\":\"ok\",\"agents\":3}";

    @TempDir
    Path root;
    private final TargetProperties properties = new TargetProperties();

    @Test
    void http200WithStatusOkIsHealthyAtTheFirstAttempt() {
        try (HealthEndpoint endpoint = HealthEndpoint.answering(200, OK)) {
            HealthResult result = target(endpoint.url(), Duration.ofSeconds(5)).checkHealth();

            assertThat(result).isEqualTo(new HealthResult(endpoint.url(), true, 1, "status ok"));
            assertThat(endpoint.requests()).isEqualTo(1);
        }
    }

    @Test
    void anyOtherStatusIsNotHealthy() {
        assertThat(once(200, "{\"status\":\"degraded\"}")).isEqualTo("status is 'degraded': {\"status\":\"degraded\"}");
        assertThat(once(200, "{\"status\":\"OK\"}")).startsWith("status is 'OK'");
        assertThat(once(200, "{\"uptime\":12}")).startsWith("status is missing");
        assertThat(once(200, "[\"ok\"]")).startsWith("status is missing");
    }

    @Test
    void anAnswerOtherThan200IsNotHealthyWhateverItsBodySays() {
        assertThat(once(503, OK)).isEqualTo("HTTP 503: " + OK);
        assertThat(once(204, "")).isEqualTo("HTTP 204: ");
        assertThat(once(301, "")).startsWith("HTTP 301");
    }

    @Test
    void aBodyThatIsNotJsonIsNotHealthy() {
        assertThat(once(200, "<html>status: ok</html>")).isEqualTo("HTTP 200 but the body is not JSON: '<html>status: ok</html>'");
        assertThat(once(200, "ok")).startsWith("HTTP 200 but the body is not JSON");
        assertThat(once(200, "")).isEqualTo("HTTP 200 but the body is not JSON: ''");
    }

    @Test
    void aStartingServiceIsProbedAgainWithBackOffUntilItIsOk() {
        try (HealthEndpoint endpoint = new HealthEndpoint(request -> switch (request.number()) {
            case 1, 2 -> Answer.of(503, "starting");
            case 3 -> Answer.of(200, "{\"status\":\"starting\"}");
            default -> Answer.of(200, OK);
        })) {
            long start = System.nanoTime();
            HealthResult result = target(endpoint.url(), Duration.ofSeconds(30)).checkHealth();

            assertThat(result.healthy()).isTrue();
            assertThat(result.attempts()).isEqualTo(4);
            assertThat(endpoint.requests()).isEqualTo(4);
            // waits of 0.25, 0.5 and 1 s between the attempts: back-off, not a busy loop
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1750));
        }
    }

    @Test
    void theLastAttemptIsMadeAtTheTimeoutNotABackOffBeforeIt() {
        // attempts at 0, 0.25 and 0.75 s fail; the next back-off (1 s) would pass the 1.2 s timeout, so the probe
        // must try once more at the timeout instead of giving up at 0.75 s
        try (HealthEndpoint endpoint = new HealthEndpoint(request -> request.sinceFirst().compareTo(Duration.ofMillis(900)) < 0
                ? Answer.of(503, "starting") : Answer.of(200, OK))) {
            HealthResult result = target(endpoint.url(), Duration.ofMillis(1200)).checkHealth();

            assertThat(result.healthy()).as(result.detail()).isTrue();
        }
    }

    @Test
    void pastTheTimeoutTheResultNamesTheUrlAndTheLastAnswer() {
        try (HealthEndpoint endpoint = new HealthEndpoint(request -> request.number() == 1
                ? Answer.of(503, "warming up") : Answer.of(200, "{\"status\":\"registry unreadable\"}"))) {
            long start = System.nanoTime();
            HealthResult result = target(endpoint.url(), Duration.ofSeconds(1)).checkHealth();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.healthy()).isFalse();
            assertThat(result.url()).isEqualTo(endpoint.url());
            assertThat(result.detail()).isEqualTo("status is 'registry unreadable': {\"status\":\"registry unreadable\"}");
            assertThat(result.attempts()).isGreaterThan(1).isEqualTo(endpoint.requests());
            assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerIsGivenUpAtTheTimeout() {
        try (HealthEndpoint endpoint = new HealthEndpoint(request -> new Answer(200, OK, Duration.ofSeconds(20)))) {
            long start = System.nanoTime();
            HealthResult result = target(endpoint.url(), Duration.ofMillis(1500)).checkHealth();

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).contains("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void nothingListeningIsNotHealthy() {
        String url;
        try (HealthEndpoint gone = HealthEndpoint.answering(200, OK)) {
            url = gone.url();
        }
        HealthResult result = target(url, Duration.ZERO).checkHealth();

        assertThat(result.healthy()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.detail()).contains("ConnectException");
    }

    @Test
    void withoutAHealthUrlTheCheckIsSkipped() {
        Target target = target("", Duration.ofSeconds(30));

        assertThat(target.checkHealth()).isEqualTo(new HealthResult("", true, 0, "skipped: no health URL configured"));
        assertThat(target.probeHealthOnce().healthy()).isTrue();
        assertThat(target.checkPublicHealth().healthy()).isTrue();
    }

    @Test
    void thePublicHealthUrlIsProbedWhenSetAndTheHealthUrlOtherwise() {
        try (HealthEndpoint internal = HealthEndpoint.answering(200, OK);
             HealthEndpoint outside = HealthEndpoint.answering(502, "bad gateway")) {
            Target target = target(internal.url(), Duration.ZERO);
            assertThat(target.checkPublicHealth()).isEqualTo(new HealthResult(internal.url(), true, 1, "status ok"));

            properties.setPublicHealthUrl(outside.url());
            assertThat(target.checkPublicHealth()).isEqualTo(new HealthResult(outside.url(), false, 1, "HTTP 502: bad gateway"));
            assertThat(target.checkHealth().healthy()).isTrue();
        }
    }

    /** One probe without retries: the answer it saw. */
    private String once(int status, String body) {
        try (HealthEndpoint endpoint = HealthEndpoint.answering(status, body)) {
            HealthResult result = target(endpoint.url(), Duration.ZERO).checkHealth();
            assertThat(result.healthy()).as(result.detail()).isFalse();
            assertThat(result.attempts()).isEqualTo(1);
            return result.detail();
        }
    }

    private Target target(String healthUrl, Duration timeout) {
        properties.setHealthUrl(healthUrl);
        properties.setHealthTimeout(timeout);
        return new Target(TargetLayout.platformGod(root), properties);
    }
}
