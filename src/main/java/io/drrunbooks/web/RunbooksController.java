package io.drrunbooks.web;

import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.runbook.Runbook;
import io.drrunbooks.runbook.RunbookCatalog;
import io.drrunbooks.security.Roles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/runbooks}: what can be started, with its objectives, starting role and whether it can run
 * as a drill, and each model's
 * BPMN XML as deployed (with its diagram), for the console's diagram; and {@code /api/me}.
 */
@RestController
@RequestMapping("/api")
class RunbooksController {

    private final RunbookCatalog catalog;
    private final Deployables deployables;

    RunbooksController(RunbookCatalog catalog, Deployables deployables) {
        this.catalog = catalog;
        this.deployables = deployables;
    }

    @GetMapping("/runbooks")
    List<Map<String, Object>> list() {
        return catalog.all().stream().map(RunbooksController::describe).toList();
    }

    @GetMapping("/runbooks/{id}/model")
    ResponseEntity<byte[]> model(@PathVariable String id) {
        catalog.find(id).orElseThrow(() -> ApiException.notFound("unknown runbook '" + id + "'"));
        ModelResource model = deployables.models().stream().filter(m -> m.name().equals(id + ".bpmn")).findFirst()
                .orElseThrow(() -> ApiException.notFound("runbook '" + id + "' has no model file " + id + ".bpmn"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(model.content());
    }

    /** Who is signed in and with which roles: the console shows only what the user may do. */
    @GetMapping("/me")
    Map<String, Object> me(Authentication caller) {
        return Map.of("user", caller.getName(), "roles", Caller.roles(caller));
    }

    private static Map<String, Object> describe(Runbook runbook) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", runbook.id());
        view.put("rto", runbook.budget().rto().toString());
        view.put("rpo", runbook.rpo().toString());
        view.put("dataSets", runbook.dataSets());
        view.put("startRole", Roles.starterOf(runbook.id()));
        view.put("drill", runbook.drillable());
        return view;
    }
}
