package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.filter.UserTaskFilter;
import io.drrunbooks.engine.RunIds;
import io.drrunbooks.engine.TaskNotOpenException;
import io.drrunbooks.engine.UserTask;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Camunda user tasks ({@code zeebe:userTask}) through the Camunda 8 REST API: search, get, complete.
 * A task id on the port is the user task key, as text.
 */
final class UserTasks {

    private final CamundaClient client;
    private final ObjectMapper json;
    private final RunRegistry registry;

    UserTasks(CamundaClient client, ObjectMapper json, RunRegistry registry) {
        this.client = client;
        this.json = json;
        this.registry = registry;
    }

    /** The open tasks of one process instance, oldest first. */
    List<UserTask> openOfInstance(long processInstanceKey) {
        return toUserTasks(search(f -> f.processInstanceKey(processInstanceKey)));
    }

    /**
     * The open tasks of these processes, oldest first: of the service's own processes, never those of
     * another application's processes in the same cluster. The search filters by one process id at a time.
     */
    List<UserTask> openOfProcesses(Collection<String> processIds) {
        return toUserTasks(processIds.stream().flatMap(id -> search(f -> f.bpmnProcessId(id)).stream()).toList());
    }

    private List<io.camunda.client.api.search.response.UserTask> search(Consumer<UserTaskFilter> filter) {
        return client.newUserTaskSearchRequest().filter(f -> filter.accept(f.state(UserTaskState.CREATED)))
                .page(p -> p.limit(Variables.PAGE)).send().join().items();
    }

    private List<UserTask> toUserTasks(List<io.camunda.client.api.search.response.UserTask> found) {
        return found.stream()
                .sorted(Comparator.comparing(io.camunda.client.api.search.response.UserTask::getCreationDate,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(this::toUserTask).toList();
    }

    Optional<UserTask> find(String taskId) {
        Optional<Long> key = key(taskId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            var task = client.newUserTaskGetRequest(key.get()).send().join();
            return task.getState() == UserTaskState.CREATED ? Optional.of(toUserTask(task)) : Optional.empty();
        } catch (ProblemException e) {
            // 400: the cluster refuses the key itself (no key it could have issued), so no such task either
            if (e.code() == 404 || e.code() == 400) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void complete(String taskId, Map<String, Object> variables) {
        long key = key(taskId).orElseThrow(() -> new TaskNotOpenException(taskId));
        try {
            client.newCompleteUserTaskCommand(key).variables(variables).send().join();
        } catch (ProblemException e) {
            // 404: no such task; 409: completed meanwhile, or its run has ended
            if (e.code() == 404 || e.code() == 409) {
                throw new TaskNotOpenException(taskId);
            }
            throw e;
        }
    }

    private UserTask toUserTask(io.camunda.client.api.search.response.UserTask task) {
        long key = task.getUserTaskKey();
        Map<String, Object> variables = Variables.toMap(client.newUserTaskVariableSearchRequest(key)
                .withFullValues().page(p -> p.limit(Variables.PAGE)).send().join().items(), json);
        // the task names its form by the deployed form's key; the port speaks of the form's id
        String formId = task.getFormKey() == null ? null : client.newUserTaskGetFormRequest(key).send().join().getFormId();
        OffsetDateTime created = task.getCreationDate();
        // the instance we started says whose task it is; a called process's task has only the run id it inherited
        String runId = registry.runIdOf(task.getProcessInstanceKey())
                .orElseGet(() -> RunIds.of(variables.get("runId"), null, String.valueOf(task.getProcessInstanceKey())));
        return new UserTask(String.valueOf(key), runId, task.getElementId(),
                task.getName(), formId, task.getCandidateGroups() == null ? List.of() : task.getCandidateGroups(),
                created == null ? null : created.toInstant(), variables);
    }

    private static Optional<Long> key(String taskId) {
        try {
            return Optional.of(Long.parseLong(taskId));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
