package io.drrunbooks.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;

/** The task rows of the portable subset, adapted and run on a real Operaton engine. */
class TasksOnEngineTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private List<LockedExternalTask> fetch(String topic, int max) {
        return engine.getExternalTaskService().fetchAndLock(max, "w").topic(topic, 1000).execute();
    }

    @Test
    void serviceTaskBecomesExternalTaskFetchedByItsJobType() {
        TestEngine.deploy(engine, "service-task.bpmn");
        var instance = engine.getRuntimeService().startProcessInstanceByKey("dialect-service");

        List<LockedExternalTask> tasks = fetch("restore", 1);
        assertThat(tasks).singleElement().satisfies(t -> assertThat(t.getActivityId()).isEqualTo("Restore"));
        engine.getExternalTaskService().complete(tasks.get(0).getId(), "w");

        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void userTaskHasTheDeployedCamundaFormAndCandidateGroup() throws Exception {
        TestEngine.deploy(engine, "user-task.bpmn", "approve.form");
        var instance = engine.getRuntimeService().startProcessInstanceByKey("dialect-user");

        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .initializeFormKeys().singleResult();
        assertThat(task.getOperatonFormRef().getKey()).isEqualTo("approve");
        assertThat(task.getOperatonFormRef().getBinding()).isEqualTo("latest");
        assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("approvers")
                .processInstanceId(instance.getId()).count()).isEqualTo(1);
        try (var form = engine.getFormService().getDeployedTaskForm(task.getId())) {
            assertThat(new String(form.readAllBytes())).contains("\"id\": \"approve\"");
        }
    }

    @Test
    void multiInstanceCreatesOneExternalTaskPerElementWithTheElementVariable() {
        TestEngine.deploy(engine, "multi-instance.bpmn");
        var instance = engine.getRuntimeService().startProcessInstanceByKey("dialect-multi-instance",
                Map.of("datasets", List.of("registry", "state", "audit")));

        List<LockedExternalTask> tasks = fetch("restore-dataset", 10);
        assertThat(tasks).extracting(t -> t.getVariables().get("dataset"))
                .containsExactlyInAnyOrder("registry", "state", "audit");
        tasks.forEach(t -> engine.getExternalTaskService().complete(t.getId(), "w"));

        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void callActivityStartsTheChildWithAllVariablesInAndOut() {
        TestEngine.deploy(engine, "call-parent.bpmn", "call-child.bpmn");
        engine.getRuntimeService().startProcessInstanceByKey("dialect-call-parent", Map.of("target", "/srv/god"));

        LockedExternalTask child = fetch("child-work", 1).get(0);
        assertThat(child.getProcessDefinitionKey()).isEqualTo("dialect-call-child");
        assertThat(child.getVariables()).containsEntry("target", "/srv/god");
        engine.getExternalTaskService().complete(child.getId(), "w", Map.of("result", "restored"));

        LockedExternalTask after = fetch("after-child", 1).get(0);
        assertThat(after.getProcessDefinitionKey()).isEqualTo("dialect-call-parent");
        assertThat(after.getVariables()).containsEntry("result", "restored");
    }

    @Test
    void errorBoundaryCatchesTheBpmnErrorAWorkerReports() {
        TestEngine.deploy(engine, "error.bpmn");
        var instance = engine.getRuntimeService().startProcessInstanceByKey("dialect-error");

        LockedExternalTask task = fetch("verify", 1).get(0);
        engine.getExternalTaskService().handleBpmnError(task.getId(), "w", "VERIFY_FAILED");

        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId("EndFailed").count()).isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId("End").count()).isZero();
    }
}
