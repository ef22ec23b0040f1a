package io.drrunbooks.target;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** A real health endpoint on 127.0.0.1 whose answers follow a script: by request number and time since the first. */
final class HealthEndpoint implements AutoCloseable {

    record Request(int number, Duration sinceFirst) {
    }

    record Answer(int status, String body, Duration delay) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong firstNanos = new AtomicLong();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    HealthEndpoint(Function<Request, Answer> script) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/health/status", exchange -> {
            long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            Answer answer = script.apply(new Request(requests.incrementAndGet(), Duration.ofNanos(now - firstNanos.get())));
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor); // a hanging answer must not hold up the next request
        server.start();
    }

    /** Always the same answer. */
    static HealthEndpoint answering(int status, String body) {
        return new HealthEndpoint(request -> Answer.of(status, body));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health/status";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
