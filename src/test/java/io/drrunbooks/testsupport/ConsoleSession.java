package io.drrunbooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A browser's session as the console keeps it: signed in on the login page, cookies kept, the CSRF token at hand. */
public final class ConsoleSession {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final int port;
    /** The login's answer: its Set-Cookie headers say how the session cookie is sent. */
    private final HttpResponse<String> login;

    private ConsoleSession(int port, String user) {
        this.port = port;
        send(HttpRequest.newBuilder(uri("/login.html")).GET());
        String form = "username=" + user + "&password=" + user + "&_csrf=" + URLEncoder.encode(csrfToken(), StandardCharsets.UTF_8);
        login = send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("signing in as " + user + " answered " + login.statusCode() + " " + login.headers().map());
        }
    }

    /** Signs in as the test user (password: the name) through the login page. */
    public static ConsoleSession signIn(int port, String user) {
        return new ConsoleSession(port, user);
    }

    public List<String> loginSetCookies() {
        return login.headers().allValues("Set-Cookie");
    }

    public String csrfToken() {
        return cookies.getCookieStore().get(uri("/")).stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    /** A POST of JSON with the session cookie and any extra headers (name, value, ...). */
    public HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-Requested-With", "XMLHttpRequest").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
