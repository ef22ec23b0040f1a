package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for the Camunda 8 REST API (the client prefers REST over gRPC): a JDK HTTP
 * server on 127.0.0.1 that records every request (of job polls only the latest per type) and answers from routes the
 * tests set. Out of the box it accepts one deployment, hands out the jobs queued per type, accepts
 * job completions, errors and failures, and answers anything else with a 404 problem.
 */
final class GatewayStandIn implements AutoCloseable {

    record Request(String method, String path, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Response(int status, Object body) {
        static Response ok(Object body) {
            return new Response(200, body);
        }

        static Response problem(int status, String title) {
            return new Response(status, Map.of("type", "about:blank", "title", title, "status", status,
                    "detail", title, "instance", "/"));
        }
    }

    private record Route(String method, Pattern path, Function<Request, Response> answer) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESOURCE_NAME = Pattern.compile("filename=\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Request> lastActivationByType = new ConcurrentHashMap<>();
    private final Map<String, Deque<Map<String, Object>>> jobs = new ConcurrentHashMap<>();

    GatewayStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        on("POST", "/v2/deployments", GatewayStandIn::deployment);
        on("POST", "/v2/jobs/activation", this::activate);
        on("POST", "/v2/jobs/\\d+/(completion|error|failure)", request -> new Response(204, null));
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers requests to paths matching the regex; later routes win over earlier ones. */
    void on(String method, String pathRegex, Function<Request, Response> answer) {
        routes.add(0, new Route(method, Pattern.compile(pathRegex), answer));
    }

    /** Queues jobs of the given type for the next activation of that type, all at once. */
    @SafeVarargs
    final void queueJob(String type, Map<String, Object>... queued) {
        jobs.computeIfAbsent(type, t -> new ConcurrentLinkedDeque<>()).addAll(List.of(queued));
    }

    Set<String> polledJobTypes() {
        return Set.copyOf(lastActivationByType.keySet());
    }

    /** The latest job activation request for the type, if a worker asked for jobs of it. */
    Optional<Request> lastActivation(String type) {
        return Optional.ofNullable(lastActivationByType.get(type));
    }

    List<Request> requests(String method, String pathRegex) {
        Pattern path = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && path.matcher(r.path()).matches()).toList();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!request.path().equals("/v2/jobs/activation")) {
                requests.add(request);
            }
            Response response = routes.stream()
                    .filter(r -> r.method().equals(request.method()) && r.path().matcher(request.path()).matches())
                    .findFirst().map(r -> r.answer().apply(request))
                    .orElse(Response.problem(404, "no route for " + request.method() + " " + request.path()));
            byte[] body = response.body() == null ? new byte[0] : JSON.writeValueAsBytes(response.body());
            boolean problem = response.status() >= 400;
            exchange.getResponseHeaders().set("Content-Type", problem ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Up to maxJobsToActivate of the jobs queued for the type, as the gateway hands them out. */
    private Response activate(Request request) {
        String type = request.json().path("type").asText();
        lastActivationByType.put(type, request);
        Deque<Map<String, Object>> queued = jobs.getOrDefault(type, new ConcurrentLinkedDeque<>());
        List<Map<String, Object>> activated = new ArrayList<>();
        for (Map<String, Object> job; activated.size() < request.json().path("maxJobsToActivate").asInt(1)
                && (job = queued.poll()) != null; ) {
            activated.add(job);
        }
        if (activated.isEmpty()) {
            StandIns.noJobPause();
        }
        return Response.ok(Map.of("jobs", activated));
    }

    /** One deployment: a process per .bpmn part (its process id read from the XML), a form per .form part. */
    private static Response deployment(Request request) {
        List<Map<String, Object>> deployed = new ArrayList<>();
        String[] parts = request.body().split("\r\n--");
        long key = 2251799813685000L;
        for (String part : parts) {
            Matcher name = RESOURCE_NAME.matcher(part);
            if (!name.find()) {
                continue;
            }
            String resource = name.group(1);
            key++;
            if (resource.endsWith(".bpmn")) {
                deployed.add(Map.of("processDefinition", Map.of("processDefinitionId", StandIns.processId(part),
                        "processDefinitionVersion", 1, "resourceName", resource, "tenantId", "<default>",
                        "processDefinitionKey", String.valueOf(key))));
            } else {
                deployed.add(Map.of("form", Map.of("formId", StandIns.formId(part), "version", 1, "resourceName", resource,
                        "tenantId", "<default>", "formKey", String.valueOf(key))));
            }
        }
        return Response.ok(Map.of("deploymentKey", "2251799813684999", "tenantId", "<default>", "deployments", deployed));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
