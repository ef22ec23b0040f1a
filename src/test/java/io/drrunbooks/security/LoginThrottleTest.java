package io.drrunbooks.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100 wrong passwords in a row are throttled (429, unchecked) after 5, per user and per address, each lock in the
 * "security" audit trail; once the lock passed the right password works. A context of its own (the property), so
 * that the locks it provokes on 127.0.0.1 touch no other test.
 */
@TestPropertySource(properties = {"dr.security.login-throttle.first-delay=PT0.5S", "dr.security.login-throttle.max-delay=PT3S"})
class LoginThrottleTest extends ServiceTest {

    private static final Duration MAX_DELAY = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Test
    void wrongPasswordsAreThrottledPerUserFromAnyAddressAndTheRightOneWorksAfterTheDelay() throws Exception {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(signIn("127.0.0.1", TestUsers.COMMANDER, "guess-" + i));
        }
        assertThat(answers.subList(0, 5)).containsOnly(401);
        assertThat(answers).containsOnly(401, 429);
        // a checked failure doubles the delay, so only a few of the 95 after the fifth were checked at all
        assertThat(answers.stream().filter(status -> status == 401).count()).isLessThanOrEqualTo(9);
        assertThat(signIn("127.0.0.1", TestUsers.COMMANDER, TestUsers.COMMANDER)).as("even the right password waits").isEqualTo(429);
        assertThat(signIn("127.0.0.2", TestUsers.COMMANDER, TestUsers.COMMANDER)).as("another address, same user").isEqualTo(429);

        Thread.sleep(MAX_DELAY.plusMillis(300).toMillis());
        assertThat(signIn("127.0.0.2", TestUsers.COMMANDER, TestUsers.COMMANDER)).isEqualTo(200);
        JsonNode lock = firstLockOf(TestUsers.COMMANDER);
        assertThat(lock.get("user").asText()).isEqualTo(TestUsers.COMMANDER);
        assertThat(lock.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(lock.get("userFailures").asInt()).isEqualTo(6);
    }

    @Test
    void wrongPasswordsForManyUsersFromOneAddressThrottleThatAddress() {
        for (int i = 0; i < 6; i++) {
            assertThat(signIn("127.0.0.3", "nobody-" + i, "guess")).isEqualTo(401);
        }
        assertThat(signIn("127.0.0.3", TestUsers.AUDITOR, TestUsers.AUDITOR)).isEqualTo(429);
        assertThat(signIn("127.0.0.4", TestUsers.AUDITOR, TestUsers.AUDITOR)).isEqualTo(200);
    }

    private JsonNode firstLockOf(String user) {
        for (JsonNode event : new Api(port).get("/api/runs/" + LoginThrottle.TRAIL + "/audit").body()) {
            if (event.get("type").asText().equals("sign-in.throttled") && event.at("/detail/user").asText().equals(user)) {
                return event.get("detail");
            }
        }
        throw new AssertionError("no sign-in.throttled event of " + user);
    }

    /** GET /api/me with Basic credentials from a given loopback address: the status code. */
    private int signIn(String fromAddress, String user, String password) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            String credentials = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
