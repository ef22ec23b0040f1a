package io.drrunbooks.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.engine.TaskNotOpenException;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.runbook.Forms;
import io.drrunbooks.runbook.RunService;
import io.drrunbooks.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/tasks}: the open user tasks, their forms, and completing them. A task is completed by a
 * user holding one of its candidate groups as a role (a task without one is the commander's), and the
 * signed-in user is the actor the audit trail records.
 */
@RestController
@RequestMapping("/api/tasks")
class TasksController {

    private final RunService runs;
    private final Forms forms;
    private final ObjectMapper json;

    TasksController(RunService runs, Forms forms, ObjectMapper json) {
        this.runs = runs;
        this.forms = forms;
        this.json = json;
    }

    @GetMapping
    List<Map<String, Object>> list(@RequestParam(required = false) String runId) {
        if (runId != null && runs.run(runId).isEmpty()) {
            throw RunsController.unknownRun(runId);
        }
        return runs.tasks(runId).stream().map(TasksController::summary).toList();
    }

    /** The task's Camunda Form with the run's current values, ready for form-js ({@code schema}, {@code data}). */
    @GetMapping("/{taskId}/form")
    Map<String, Object> form(@PathVariable String taskId) {
        UserTask task = runs.task(taskId).orElseThrow(() -> new TaskNotOpenException(taskId));
        Map<String, Object> form = summary(task);
        form.put("schema", forms.schema(task.formId()).orElseThrow(() ->
                new IllegalStateException("task '" + taskId + "' names form '" + task.formId() + "', which is not deployed")));
        form.put("data", task.variables());
        return form;
    }

    @PostMapping("/{taskId}/complete")
    Map<String, Object> complete(@PathVariable String taskId, @RequestBody JsonNode body, Authentication caller) {
        JsonNode variables = body.get("variables");
        if (!body.isObject() || variables == null || !variables.isObject()) {
            throw ApiException.badRequest("the body must be {\"variables\": {...}} with the form's fields");
        }
        UserTask task = runs.task(taskId).orElseThrow(() -> new TaskNotOpenException(taskId));
        List<String> groups = task.candidateGroups().isEmpty() ? List.of(Roles.COMMANDER) : task.candidateGroups();
        Caller.requireOneOf(caller, groups, "complete '" + task.name() + "'");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = json.convertValue(variables, Map.class);
        boolean completed = runs.completeTask(taskId, values, caller.getName());
        // false: the approval is recorded and the task waits for further approvers
        return Map.of("taskId", taskId, "completed", completed);
    }

    private static Map<String, Object> summary(UserTask task) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("taskId", task.taskId());
        summary.put("runId", task.runId());
        summary.put("name", task.name());
        summary.put("formId", task.formId());
        summary.put("step", task.step());
        summary.put("candidateGroups", task.candidateGroups());
        summary.put("createdAt", task.createdAt());
        // what the inbox shows beside each task, so that an approver knows what and why before opening it
        summary.put("runbook", task.variables().get("runbook"));
        summary.put("reason", task.variables().get(RunService.RUN_REASON));
        summary.put("drill", Boolean.TRUE.equals(task.variables().get("drill")));
        return summary;
    }
}
