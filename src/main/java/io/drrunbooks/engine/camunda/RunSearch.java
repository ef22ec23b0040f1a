package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.EngineRun.RunState;
import io.drrunbooks.engine.EngineRun.StepRecord;
import io.drrunbooks.engine.camunda.RunRegistry.StartedRun;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a run from the Camunda 8 REST API's search endpoints: the instance, its steps, its root-scope variables. */
final class RunSearch {

    /** The element types a commander thinks of as steps, as on the embedded engine. */
    private static final Set<ElementInstanceType> STEP_TYPES =
            Set.of(ElementInstanceType.SERVICE_TASK, ElementInstanceType.USER_TASK, ElementInstanceType.CALL_ACTIVITY);

    private final CamundaClient client;
    private final ObjectMapper json;

    RunSearch(CamundaClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    EngineRun run(StartedRun started) {
        long key = started.processInstanceKey();
        List<ProcessInstance> found = client.newProcessInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(key)).send().join().items();
        if (found.isEmpty()) {
            // the search API lags the engine by a moment: the run exists, it just is not exported yet
            return new EngineRun(started.runId(), started.processId(), RunState.ACTIVE, started.startedAt(), null,
                    started.startVariables(), List.of(), List.of());
        }
        ProcessInstance instance = found.get(0);
        List<ElementInstance> steps = client.newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(key)).page(p -> p.limit(Variables.PAGE)).send().join().items().stream()
                .filter(element -> STEP_TYPES.contains(element.getType()))
                .sorted(Comparator.comparing(ElementInstance::getStartDate, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<String> active = steps.stream().filter(s -> s.getState() == ElementInstanceState.ACTIVE)
                .map(ElementInstance::getElementId).toList();
        List<StepRecord> completed = steps.stream().filter(s -> s.getState() == ElementInstanceState.COMPLETED)
                .map(s -> new StepRecord(s.getElementId(), s.getElementName(), instant(s.getStartDate()), instant(s.getEndDate())))
                .toList();
        return new EngineRun(started.runId(), started.processId(), state(instance), instant(instance.getStartDate()),
                instant(instance.getEndDate()), rootVariables(key), active, completed);
    }

    private Map<String, Object> rootVariables(long processInstanceKey) {
        return Variables.toMap(client.newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey))
                .withFullValues().page(p -> p.limit(Variables.PAGE)).send().join().items(), json);
    }

    private static RunState state(ProcessInstance instance) {
        return switch (instance.getState()) {
            case COMPLETED -> RunState.COMPLETED;
            case TERMINATED -> RunState.CANCELED;
            default -> Boolean.TRUE.equals(instance.getHasIncident()) ? RunState.FAILED : RunState.ACTIVE;
        };
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
