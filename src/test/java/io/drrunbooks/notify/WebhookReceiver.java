package io.drrunbooks.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on 127.0.0.1 that keeps every JSON body posted to it, and can refuse the first few. */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    WebhookReceiver() {
        this(0);
    }

    /** On a given port: a receiver that comes up where webhooks were refused before. */
    WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectMapper json = new ObjectMapper();
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean refuse = refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (refuse) {
                refused.incrementAndGet();
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = json.readValue(body, Map.class);
                parsed.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
                received.add(parsed);
            }
            exchange.sendResponseHeaders(refuse ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Map<String, Object>> received() {
        return List.copyOf(received);
    }

    /** The next {@code count} posts get a 503 and are not kept. */
    void refuseNext(int count) {
        refusalsLeft.set(count);
    }

    int refused() {
        return refused.get();
    }

    void clear() {
        received.clear();
        refused.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
