package io.drrunbooks.engine.embedded;

import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.engine.StepInvoker;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * How to build the embedded engine.
 *
 * @param dataSource   the engine's database (H2 file by default, or PostgreSQL); shared with the audit trail
 * @param models       the Zeebe-dialect models to adapt and deploy
 * @param forms        the Camunda Forms deployed beside them
 * @param invoker      the step handlers by job type
 * @param workers      steps that may run at the same time
 * @param lockDuration how long a step may run before its job is handed out again (a crashed worker's job)
 * @param workerId     stable across restarts of one instance and distinct between instances sharing a
 *                     database, so that a restarted instance can reclaim the steps it had locked
 */
public record EmbeddedEngineOptions(DataSource dataSource, List<ModelResource> models, List<ModelResource> forms,
                                    StepInvoker invoker, int workers, Duration lockDuration, String workerId) {
}
