package io.drrunbooks.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON POST. The message is in {@code text}, so a Slack (or Mattermost, Teams) incoming webhook
 * shows it as it is; the other fields let a receiver act on the notification.
 */
final class WebhookChannel implements Channel {

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    WebhookChannel(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Message message, String target) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", message.text());
        body.put("notificationId", message.notificationId());
        body.put("issueType", message.issueType());
        body.put("level", message.level());
        body.put("contact", message.contact());
        body.put("subject", message.subject());
        HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + target);
        }
    }
}
