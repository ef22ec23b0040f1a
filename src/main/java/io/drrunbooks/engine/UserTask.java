package io.drrunbooks.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An open user task.
 *
 * @param step the task's element id in the model
 * @param formId the Camunda Form's id ({@code zeebe:formDefinition formId})
 * @param variables the run's variables visible to the task
 */
public record UserTask(String taskId, String runId, String step, String name, String formId,
                       List<String> candidateGroups, Instant createdAt, Map<String, Object> variables) {
}
