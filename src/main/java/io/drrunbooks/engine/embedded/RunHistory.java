package io.drrunbooks.engine.embedded;

import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.EngineRun.RunState;
import io.drrunbooks.engine.EngineRun.StepRecord;
import io.drrunbooks.engine.RunIds;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstanceQuery;
import org.operaton.bpm.engine.history.HistoricVariableInstance;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads runs from Operaton's history: state, steps and root-scope variables. */
final class RunHistory {

    /** The activity types a commander thinks of as steps. */
    private static final Set<String> STEP_TYPES = Set.of("serviceTask", "userTask", "callActivity", "externalTask");

    private final HistoryService history;
    private final RuntimeService runtime;

    RunHistory(ProcessEngine engine) {
        this.history = engine.getHistoryService();
        this.runtime = engine.getRuntimeService();
    }

    Optional<EngineRun> run(String runId) {
        String scheduled = RunIds.scheduledInstance(runId);
        var query = history.createHistoricProcessInstanceQuery().rootProcessInstances();
        HistoricProcessInstance instance = (scheduled != null ? query.processInstanceId(scheduled)
                : query.processInstanceBusinessKey(runId)).singleResult();
        return Optional.ofNullable(instance).map(this::toRun);
    }

    List<EngineRun> runs(Collection<String> processIds, int limit) {
        HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery().rootProcessInstances();
        if (processIds != null) {
            if (processIds.isEmpty()) {
                return List.of();
            }
            query.processDefinitionKeyIn(processIds.toArray(String[]::new));
        }
        return query.orderByProcessInstanceStartTime().desc().listPage(0, limit).stream().map(this::toRun).toList();
    }

    private EngineRun toRun(HistoricProcessInstance instance) {
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId())
                .orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list().stream()
                .filter(activity -> STEP_TYPES.contains(activity.getActivityType()))
                .toList();
        List<String> active = activities.stream().filter(a -> a.getEndTime() == null)
                .map(HistoricActivityInstance::getActivityId).toList();
        List<StepRecord> completed = activities.stream().filter(a -> a.getEndTime() != null && !a.isCanceled())
                .map(a -> new StepRecord(a.getActivityId(), a.getActivityName(), instant(a.getStartTime()), instant(a.getEndTime())))
                .toList();
        String runId = RunIds.of(null, instance.getBusinessKey(), instance.getId());
        return new EngineRun(runId, instance.getProcessDefinitionKey(), state(instance),
                instant(instance.getStartTime()), instant(instance.getEndTime()), variables(instance), active, completed);
    }

    private RunState state(HistoricProcessInstance instance) {
        return switch (instance.getState()) {
            case HistoricProcessInstance.STATE_COMPLETED -> RunState.COMPLETED;
            case HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED, HistoricProcessInstance.STATE_INTERNALLY_TERMINATED ->
                    RunState.CANCELED;
            default -> runtime.createIncidentQuery().processInstanceId(instance.getId()).count() > 0
                    ? RunState.FAILED : RunState.ACTIVE;
        };
    }

    /**
     * The run's variables: per name, the one in the process instance's scope, else the only one there
     * is. A variable created in the root scope while the root execution stood at a task carries that
     * task's activity instance id, so the scope alone does not find every root variable; a name held
     * by several local scopes (a multi-instance element) is no run variable and is left out.
     */
    private Map<String, Object> variables(HistoricProcessInstance instance) {
        Map<String, List<HistoricVariableInstance>> byName = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            byName.computeIfAbsent(variable.getName(), name -> new java.util.ArrayList<>()).add(variable);
        }
        Map<String, Object> variables = new HashMap<>();
        byName.forEach((name, candidates) -> candidates.stream()
                .filter(v -> instance.getId().equals(v.getActivityInstanceId())).findFirst()
                .or(() -> candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty())
                .map(HistoricVariableInstance::getValue)
                .ifPresent(value -> variables.put(name, value)));
        return EngineVariables.plain(variables);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
