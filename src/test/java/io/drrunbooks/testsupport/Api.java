package io.drrunbooks.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.security.Roles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The service's REST API over real HTTP, as a script would use it, with HTTP Basic. Unless a test
 * says who ({@link #as}), each call signs in as the {@link TestUsers} user of the role it needs: a
 * run's start as its runbook's starter, a task's completion as its candidate group, reads as the
 * auditor; so a run is always started by one user and approved by another.
 */
public final class Api {

    private static final String ANONYMOUS = "";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;
    /** null: the user the call's role needs. */
    private final String user;
    private final Function<String, String> userOfRole;

    public Api(int port) {
        this(port, null, TestUsers.BY_ROLE::get);
    }

    private Api(int port, String user, Function<String, String> userOfRole) {
        this.port = port;
        this.user = user;
        this.userOfRole = userOfRole;
    }

    /** The API of the demo, whose users are named as their roles (commander, approver, auditor, operator). */
    public static Api demo(int port) {
        return new Api(port, null, role -> role);
    }

    /** The same API signed in as one user (password: the name); {@code as("")} sends no credentials. */
    public Api as(String someone) {
        return new Api(port, someone, userOfRole);
    }

    public static String anonymous() {
        return ANONYMOUS;
    }

    public record Response(int status, JsonNode body, String raw) {
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user == null ? userOfRole.apply(Roles.AUDITOR) : user);
    }

    /** A download (a zip, a PEM) as the signed-in user; fails unless the API answers 200. */
    public HttpResponse<byte[]> download(String path) {
        return download(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    /** The run's signed audit bundle, exported (a POST: the export is audited) as the signed-in user. */
    public HttpResponse<byte[]> exportBundle(String runId) {
        String path = "/api/runs/" + runId + "/audit/export";
        return download(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), path);
    }

    private HttpResponse<byte[]> download(HttpRequest.Builder builder, String path) {
        builder.header("Authorization", TestUsers.basic(user == null ? userOfRole.apply(Roles.AUDITOR) : user));
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + new String(response.body()));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), user == null ? userFor(path, body) : user);
    }

    /** Starts a run and returns its id; fails unless the API answers 201. */
    public String start(String body) {
        Response started = post("/api/runs", body);
        if (started.status() != 201) {
            throw new AssertionError("starting a run answered " + started.status() + ": " + started.raw());
        }
        return started.body().get("runId").asText();
    }

    /** Waits for the run's one open task, checks it shows the given form, and returns its id. */
    public String awaitTask(String runId, String formId) {
        ServiceTest.eventually("a task with form " + formId + " in run " + runId, () -> {
            JsonNode tasks = get("/api/tasks?runId=" + runId).body();
            return tasks.size() == 1 && tasks.get(0).get("formId").asText().equals(formId);
        });
        return get("/api/tasks?runId=" + runId).body().get(0).get("taskId").asText();
    }

    public void complete(String taskId, String variablesJson) {
        Response done = post("/api/tasks/" + taskId + "/complete", "{\"variables\":" + variablesJson + "}");
        if (done.status() != 200) {
            throw new AssertionError("completing task " + taskId + " answered " + done.status() + ": " + done.raw());
        }
    }

    /** Completes server-loss's manual tasks in their order, up to and including {@code lastFormId}. */
    public void completeServerLossTasks(String runId, String lastFormId, boolean overwriteConfig) {
        String[][] tasks = {{"provision-server", "{\"serverProvisioned\":true,\"diskReady\":true}"},
                {"install-runtime", "{\"pythonInstalled\":true,\"dependenciesInstalled\":true}"},
                {"clone-repository", "{\"repositoryCloned\":true}"},
                {"confirm-config-restore", "{\"overwriteConfig\":" + overwriteConfig + "}"},
                {"switch-dns", "{\"dnsUpdated\":true}"}};
        for (String[] task : tasks) {
            complete(awaitTask(runId, task[0]), task[1]);
            if (task[0].equals(lastFormId)) {
                return;
            }
        }
        throw new IllegalArgumentException("server-loss has no task " + lastFormId);
    }

    /** Waits until the run is no longer ACTIVE and returns it. */
    public JsonNode awaitEnd(String runId) {
        Predicate<JsonNode> ended = run -> !run.get("state").asText().equals("ACTIVE");
        ServiceTest.eventually("the end of run " + runId, () -> ended.test(get("/api/runs/" + runId).body()));
        return get("/api/runs/" + runId).body();
    }

    /** The run's report: the detail of its {@code run.report} event, which finish-run writes. */
    public JsonNode report(String runId) {
        return event(runId, "run.report").get("detail");
    }

    /** The run's first audit event of that type. */
    public JsonNode event(String runId, String type) {
        return event(runId, type, null);
    }

    /** The run's first audit event of that type written by that step (any step when null). */
    public JsonNode event(String runId, String type, String step) {
        for (JsonNode event : get("/api/runs/" + runId + "/audit").body()) {
            if (event.get("type").asText().equals(type) && (step == null || event.get("step").asText().equals(step))) {
                return event;
            }
        }
        throw new AssertionError("run " + runId + " has no " + type + " event" + (step == null ? "" : " of step " + step));
    }

    public boolean chainIntact(String runId) {
        return get("/api/runs/" + runId + "/audit/check").body().get("intact").asBoolean();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String userFor(String path, String body) {
        String role = Roles.COMMANDER;
        if (path.equals("/api/runs")) {
            try {
                role = Roles.starterOf(json.readTree(body).path("runbook").asText());
            } catch (IOException notJson) {
                // the call tests malformed JSON: any starter will do
            }
        } else if (path.matches("/api/tasks/[^/]+/complete")) {
            JsonNode groups = get(path.replace("/complete", "/form")).body().path("candidateGroups");
            role = groups.isArray() && !groups.isEmpty() ? groups.get(0).asText() : Roles.COMMANDER;
        }
        return userOfRole.apply(role);
    }

    private Response send(HttpRequest.Builder builder, String signedIn) {
        if (!signedIn.equals(ANONYMOUS)) {
            builder.header("Authorization", TestUsers.basic(signedIn));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), json.readTree(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
