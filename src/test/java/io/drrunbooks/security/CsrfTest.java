package io.drrunbooks.security;

import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ConsoleSession;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSRF exemption holds only for a request its own Basic credentials signed in: a session cookie with any other
 * Authorization header still needs the token. The session cookie is SameSite=Lax; a POST of nobody is a 401.
 */
class CsrfTest extends ServiceTest {

    /** An acknowledgement of a notification that does not exist: 404 once past the CSRF check, and changes nothing. */
    private static final String ACK = "/api/notifications/no-such-notification/ack";

    @LocalServerPort
    int port;

    @Test
    void aSessionWithAnUncheckedAuthorizationHeaderStillNeedsTheToken() {
        ConsoleSession session = ConsoleSession.signIn(port, TestUsers.COMMANDER);
        HttpResponse<String> bearer = session.post(ACK, "{}", "Authorization", "Bearer x");
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(403);
        // Basic credentials of the session's own user are not checked again (the session already signed them in)
        HttpResponse<String> wrongPassword = session.post(ACK, "{}", "Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((TestUsers.COMMANDER + ":not-the-password").getBytes()));
        assertThat(wrongPassword.statusCode()).as(wrongPassword.body()).isEqualTo(403);
        assertThat(session.post(ACK, "{}").statusCode()).isEqualTo(403);
        assertThat(session.post(ACK, "{}", "X-XSRF-TOKEN", session.csrfToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void basicCredentialsThatSignTheRequestInNeedNoToken() {
        assertThat(new Api(port).as(TestUsers.COMMANDER).post(ACK, "{}").status()).isEqualTo(404);
        assertThat(new Api(port).as("ic-1-wrong").post(ACK, "{}").status()).isEqualTo(401);
    }

    @Test
    void theSessionCookieIsSameSiteLax() {
        ConsoleSession session = ConsoleSession.signIn(port, TestUsers.AUDITOR);
        assertThat(session.loginSetCookies()).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement().asString().contains("SameSite=Lax").contains("HttpOnly");
    }

    @Test
    void aPostOfNobodyIs401Json() {
        Api.Response anonymous = new Api(port).as(Api.anonymous()).post("/api/runs", "{\"runbook\":\"backup\",\"reason\":\"r\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("message").asText()).contains("sign in");
    }
}
