package io.drrunbooks.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.audit.ChainCheck;
import io.drrunbooks.runbook.AuditCrossCheck;
import io.drrunbooks.runbook.RunService;
import io.drrunbooks.runbook.RunView;
import io.drrunbooks.runbook.StartRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/runs}: start and cancel runs, read them, read and check their audit trail. A run is
 * started by the signed-in user: a {@code startedBy} in the body is ignored, as a claim nobody checked.
 */
@RestController
@RequestMapping("/api/runs")
class RunsController {

    private static final Set<String> START_FIELDS = Set.of("runbook", "reason", "startedBy");

    private final RunService runs;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final AuditCrossCheck crossCheck;

    RunsController(RunService runs, AuditTrail audit, ObjectMapper json, AuditCrossCheck crossCheck) {
        this.runs = runs;
        this.audit = audit;
        this.json = json;
        this.crossCheck = crossCheck;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> start(@RequestBody JsonNode body, Authentication caller) {
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object with runbook and reason");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            if (!START_FIELDS.contains(field.getKey())) {
                extra.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
        });
        String runbook = requiredText(body, "runbook");
        String reason = requiredText(body, "reason");
        Caller.requireStarterOf(caller, runbook, "start a run of " + runbook);
        String runId = runs.start(new StartRequest(runbook, reason, caller.getName(), extra));
        return Map.of("runId", runId);
    }

    /**
     * {@code {"reason"}}: stops a run that is still there, active or failed (waiting at an incident); whoever may
     * start the runbook may cancel its runs.
     */
    @PostMapping("/{runId}/cancel")
    Map<String, Object> cancel(@PathVariable String runId, @RequestBody(required = false) JsonNode body,
                               Authentication caller) {
        RunView run = get(runId);
        if (body == null || body.path("reason").isMissingNode()) {
            throw ApiException.badRequest("reason is required: say why the run is cancelled, as {\"reason\": \"...\"};"
                    + " it goes into the run's audit trail");
        }
        Caller.requireStarterOf(caller, run.runbook(), "cancel a run of " + run.runbook());
        if (!"ACTIVE".equals(run.state()) && !"FAILED".equals(run.state())) {
            throw new ApiException(HttpStatus.CONFLICT, "run '" + runId + "' is " + run.state() + ": it has ended");
        }
        runs.cancel(runId, requiredText(body, "reason"), caller.getName());
        return Map.of("runId", runId, "canceled", true);
    }

    /** Newest first; {@code ?limit=N} the newest N only (the console's list), otherwise every run. */
    @GetMapping
    List<RunView> list(@RequestParam(required = false) Integer limit) {
        if (limit != null && limit < 1) {
            throw ApiException.badRequest("limit must be a positive number of runs, not " + limit);
        }
        return runs.runs(limit == null ? Integer.MAX_VALUE : limit);
    }

    @GetMapping("/{runId}")
    RunView get(@PathVariable String runId) {
        return runs.run(runId).orElseThrow(() -> unknownRun(runId));
    }

    @GetMapping("/{runId}/audit")
    List<AuditEvent> audit(@PathVariable String runId) {
        List<AuditEvent> events = audit.events(runId);
        if (events.isEmpty()) {
            throw unknownRun(runId);
        }
        return events;
    }

    /**
     * The chain against its signed head, and a run the engine knows against its trail: a run whose events were all
     * deleted is reported, not 404. Changes nothing: a broken chain is raised as a security incident by the scheduled
     * check, not here.
     */
    @GetMapping("/{runId}/audit/check")
    ChainCheck check(@PathVariable String runId) {
        ChainCheck check = crossCheck.of(runId);
        if (check.intact() && check.events() == 0) {
            throw unknownRun(runId);
        }
        return check;
    }

    static ApiException unknownRun(String runId) {
        return ApiException.notFound("unknown run '" + runId + "'");
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("missing field '" + field + "'");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest("field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }
}
