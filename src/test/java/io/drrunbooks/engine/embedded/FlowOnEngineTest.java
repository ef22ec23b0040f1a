package io.drrunbooks.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/** The condition, timer, message and escalation rows of the portable subset, run on a real Operaton engine. */
class FlowOnEngineTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private boolean ended(String processInstanceId) {
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(processInstanceId).count() == 0;
    }

    private boolean passed(String processInstanceId, String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).activityId(activityId).count() == 1;
    }

    @Test
    void feelConditionRoutesBothWaysByVariable() {
        TestEngine.deploy(engine, "condition.bpmn");
        var runtime = engine.getRuntimeService();

        String yes = runtime.startProcessInstanceByKey("dialect-condition", Map.of("approved", true)).getId();
        String no = runtime.startProcessInstanceByKey("dialect-condition", Map.of("approved", false)).getId();

        assertThat(passed(yes, "EndApproved")).isTrue();
        assertThat(passed(yes, "EndRejected")).isFalse();
        assertThat(passed(no, "EndRejected")).isTrue();
        assertThat(passed(no, "EndApproved")).isFalse();
    }

    @Test
    void literalTimerFiresWhenTheClockPassesIt() {
        TestEngine.deploy(engine, "timer-literal.bpmn");
        String id = engine.getRuntimeService().startProcessInstanceByKey("dialect-timer-literal").getId();

        assertFiresAfter(id, Duration.ofHours(1));
    }

    @Test
    void variableTimerTakesItsDurationFromTheProcessVariable() {
        TestEngine.deploy(engine, "timer-variable.bpmn");
        String id = engine.getRuntimeService()
                .startProcessInstanceByKey("dialect-timer-variable", Map.of("wait", "PT30M")).getId();

        assertFiresAfter(id, Duration.ofMinutes(30));
    }

    private void assertFiresAfter(String processInstanceId, Duration duration) {
        var management = engine.getManagementService();
        Date start = ClockUtil.getCurrentTime();
        ClockUtil.setCurrentTime(Date.from(start.toInstant().plus(duration).minusSeconds(60)));
        assertThat(management.createJobQuery().processInstanceId(processInstanceId).executable().count()).isZero();

        ClockUtil.setCurrentTime(Date.from(start.toInstant().plus(duration).plusSeconds(60)));
        var job = management.createJobQuery().processInstanceId(processInstanceId).executable().singleResult();
        assertThat(job).isNotNull();
        management.executeJob(job.getId());

        assertThat(ended(processInstanceId)).isTrue();
    }

    @Test
    void springCronTimerIsScheduledByOperaton() {
        TestEngine.deploy(engine, "timer-cron.bpmn");

        var job = engine.getManagementService().createJobQuery()
                .processDefinitionKey("dialect-timer-cron").singleResult();

        assertThat(job.getDuedate()).isInTheFuture();
        assertThat(job.getDuedate().toInstant().atZone(java.time.ZoneId.systemDefault()).getHour()).isEqualTo(2);
    }

    @Test
    void messageIsCorrelatedByNameAndTheRecordedCorrelationVariable() {
        var model = new DialectAdapter().adapt("message.bpmn", TestEngine.resource("message.bpmn"));
        TestEngine.deploy(engine, "message.bpmn");
        var runtime = engine.getRuntimeService();
        String a = runtime.startProcessInstanceByKey("dialect-message", Map.of("runId", "run-a")).getId();
        String b = runtime.startProcessInstanceByKey("dialect-message", Map.of("runId", "run-b")).getId();

        String variable = model.correlationVariableByMessage().get("dns-switched");
        runtime.createMessageCorrelation("dns-switched").processInstanceVariableEquals(variable, "run-b").correlate();

        assertThat(variable).isEqualTo("runId");
        assertThat(ended(b)).isTrue();
        assertThat(ended(a)).isFalse();
    }

    /**
     * The escalation model's shape: a throw event caught by a non-interrupting boundary, and an end
     * event caught by an interrupting one that leaves the sub-process once its timer has passed.
     */
    @Test
    void escalationsAreCaughtByTheBoundaryEventsOfTheirSubProcess() {
        TestEngine.deploy(engine, "escalation.bpmn");
        String id = engine.getRuntimeService()
                .startProcessInstanceByKey("dialect-escalation", Map.of("wait", "PT15M")).getId();

        assertThat(passed(id, "Warned")).isTrue();
        assertThat(passed(id, "EndEscalated")).isFalse();
        var tell = engine.getExternalTaskService().fetchAndLock(1, "w").topic("tell-warning", 1000).execute();
        assertThat(tell).singleElement().satisfies(t -> assertThat(t.getActivityId()).isEqualTo("Tell"));

        var management = engine.getManagementService();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(16))));
        management.executeJob(management.createJobQuery().processInstanceId(id).executable().singleResult().getId());

        assertThat(passed(id, "EndEscalated")).isTrue();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId("Level").singleResult().isCanceled()).isTrue();
        assertThat(ended(id)).isFalse(); // the non-interrupting branch goes on
        engine.getExternalTaskService().complete(tell.get(0).getId(), "w");
        assertThat(ended(id)).isTrue();
    }
}
