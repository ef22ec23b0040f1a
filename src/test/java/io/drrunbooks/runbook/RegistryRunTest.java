package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

/** A real {@code registry-corruption} run through the run service: start it, await its approval and its end. */
abstract class RegistryRunTest extends ServiceTest {

    @Autowired
    RunService runs;
    @Autowired
    AuditTrail audit;

    List<String> types(String runId) {
        return audit.events(runId).stream().map(AuditEvent::type).toList();
    }

    String start() {
        return runs.start(new StartRequest("registry-corruption", "agent listing fails", "commander-1", Map.of()));
    }

    UserTask awaitApproval(String runId) {
        eventually("the approval task of " + runId, () -> !runs.tasks(runId).isEmpty());
        return runs.tasks(runId).get(0);
    }

    RunView awaitEnd(String runId) {
        eventually("the end of run " + runId, () -> !runs.run(runId).orElseThrow().state().equals("ACTIVE"));
        return runs.run(runId).orElseThrow();
    }
}
