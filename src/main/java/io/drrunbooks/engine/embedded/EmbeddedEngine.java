package io.drrunbooks.engine.embedded;

import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.TaskNotOpenException;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.engine.embedded.DialectAdapter.AdaptedModel;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutor;
import org.operaton.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.Task;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The default engine: Operaton in-process. Models are rewritten from the Zeebe dialect by the
 * {@link DialectAdapter} and deployed with the forms in one deployment (duplicates filtered, so a
 * restart deploys nothing new); service tasks are external tasks run by the
 * {@link ExternalTaskDispatcher}.
 */
public final class EmbeddedEngine implements RunbookEngine, AutoCloseable {

    /**
     * How long a message waits for its run to reach the catch event ({@link #correlate}), and a cancel
     * for the step transaction it collided with ({@link #cancel}).
     */
    private static final Duration CORRELATION_PATIENCE = Duration.ofSeconds(5);

    private final ProcessEngine engine;
    private final ExternalTaskDispatcher dispatcher;
    private final RunHistory history;
    private final List<String> processIds = new ArrayList<>();
    private final Map<String, String> correlationVariables = new HashMap<>();
    private final JobExecutor jobExecutor;

    public EmbeddedEngine(EmbeddedEngineOptions options) {
        DialectAdapter adapter = new DialectAdapter();
        List<AdaptedModel> models = options.models().stream().map(m -> adapter.adapt(m.name(), m.content())).toList();
        Map<String, Integer> retries = new HashMap<>();
        models.forEach(m -> {
            retries.putAll(m.retriesByJobType());
            processIds.addAll(m.processIds());
            correlationVariables.putAll(m.correlationVariableByMessage());
        });
        WakeOnNewExternalTask wake = new WakeOnNewExternalTask(this::wakeDispatcher);
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("dr-" + UUID.randomUUID());
        configuration.setDataSource(options.dataSource());
        // Operaton's default id generator takes blocks of ids in a transaction of its own, so a command holding a
        // pooled connection asks for a second one: with as many busy commands as the pool has connections (50
        // drills started at once), each waits for a connection only another can free, until the pool times out.
        configuration.setIdGenerator(new StrongUuidGenerator());
        // Operaton looks for its tables in every schema it can see unless told which one is its own
        postgresSchema(options.dataSource()).ifPresent(schema -> {
            configuration.setDatabaseSchema(schema);
            configuration.setDatabaseTablePrefix(schema + ".");
        });
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(true);
        configuration.setJobExecutor(timerExecutor());
        configuration.setJavaSerializationFormatEnabled(true); // list and map variables, see EngineVariables
        configuration.setMetricsEnabled(false);
        configuration.setCustomPreBPMNParseListeners(new ArrayList<>(List.of(wake)));
        this.engine = configuration.buildProcessEngine();
        this.jobExecutor = configuration.getJobExecutor();
        deploy(models, options.forms());
        this.history = new RunHistory(engine);
        this.dispatcher = new ExternalTaskDispatcher(engine.getExternalTaskService(), options.invoker(), retries,
                options.workers(), options.lockDuration(), options.workerId());
        this.dispatcher.start();
    }

    /**
     * Timers are the only jobs (service tasks are external tasks): RTO marks up to two seconds late are fine. The idle
     * wait must start below its cap: Operaton's back-off finds no idle level when the cap is under the base wait (5 s
     * by default), and its acquisition thread then queries the database without a pause, a core's worth at rest.
     */
    private static JobExecutor timerExecutor() {
        DefaultJobExecutor executor = new DefaultJobExecutor();
        executor.setWaitTimeInMillis(250);
        executor.setMaxWait(2_000);
        return executor;
    }

    private static Optional<String> postgresSchema(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                    ? Optional.ofNullable(connection.getSchema()) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the engine's database: " + e.getMessage(), e);
        }
    }

    private void wakeDispatcher() {
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    private void deploy(List<AdaptedModel> models, List<ModelResource> forms) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
                .name("dr-runbooks").enableDuplicateFiltering(true);
        models.forEach(m -> deployment.addInputStream(m.resourceName(), new ByteArrayInputStream(m.operatonXml())));
        forms.forEach(f -> deployment.addInputStream(f.name(), new ByteArrayInputStream(f.content())));
        deployment.deploy();
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public void start(String processId, String runId, Map<String, Object> variables) {
        Map<String, Object> all = new LinkedHashMap<>(variables);
        all.put("runId", runId);
        engine.getRuntimeService().startProcessInstanceByKey(processId, runId, EngineVariables.plain(all));
    }

    @Override
    public Optional<EngineRun> run(String runId) {
        return history.run(runId);
    }

    @Override
    public List<EngineRun> runs(Collection<String> processIds, int limit) {
        return history.runs(processIds, limit);
    }

    @Override
    public List<UserTask> tasks(String runId) {
        var query = engine.getTaskService().createTaskQuery().active().initializeFormKeys().orderByTaskCreateTime().asc();
        if (runId != null) {
            query = query.processVariableValueEquals("runId", runId);
        }
        return query.list().stream().map(this::toUserTask).toList();
    }

    @Override
    public Optional<UserTask> task(String taskId) {
        Task task = engine.getTaskService().createTaskQuery().taskId(taskId).active().initializeFormKeys().singleResult();
        return Optional.ofNullable(task).map(this::toUserTask);
    }

    private UserTask toUserTask(Task task) {
        var taskService = engine.getTaskService();
        Map<String, Object> variables = EngineVariables.plain(taskService.getVariables(task.getId()));
        List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null).map(link -> link.getGroupId()).toList();
        String formId = task.getOperatonFormRef() == null ? null : task.getOperatonFormRef().getKey();
        return new UserTask(task.getId(), String.valueOf(variables.get("runId")), task.getTaskDefinitionKey(),
                task.getName(), formId, groups, task.getCreateTime().toInstant(), variables);
    }

    @Override
    public void completeTask(String taskId, Map<String, Object> variables) {
        if (task(taskId).isEmpty()) {
            throw new TaskNotOpenException(taskId);
        }
        try {
            engine.getTaskService().complete(taskId, EngineVariables.plain(variables));
        } catch (ProcessEngineException completedMeanwhile) {
            if (task(taskId).isEmpty()) {
                throw new TaskNotOpenException(taskId);
            }
            throw completedMeanwhile;
        }
    }

    /**
     * Operaton refuses a message nobody waits for at this instant, while Zeebe keeps it until a
     * subscription opens; a run that is active with that key is between waits (a step running,
     * a timer firing), so delivery is retried for a few seconds to give both engines one meaning.
     */
    @Override
    public boolean correlate(String message, String correlationKey, Map<String, Object> variables) {
        String variable = correlationVariables.get(message);
        if (variable == null) {
            throw new IllegalArgumentException("no deployed model catches the message '" + message + "'");
        }
        var runtime = engine.getRuntimeService();
        long deadline = System.nanoTime() + CORRELATION_PATIENCE.toNanos();
        while (true) {
            var instance = runtime.createProcessInstanceQuery().active().variableValueEquals(variable, correlationKey)
                    .listPage(0, 1).stream().findFirst().orElse(null);
            if (instance == null) {
                return false;
            }
            boolean waiting = runtime.createExecutionQuery().processInstanceId(instance.getId())
                    .messageEventSubscriptionName(message).count() > 0;
            try {
                if (waiting) {
                    runtime.createMessageCorrelation(message).processInstanceId(instance.getId())
                            .setVariables(EngineVariables.plain(variables)).correlate();
                    return true;
                }
            } catch (MismatchingMessageCorrelationException | OptimisticLockingException movedOnMeanwhile) {
                // the run left the wait (or a timer fired) between the query and the correlation: look again
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a step's transaction", e);
        }
    }

    @Override
    public void cancel(String runId, String reason) {
        long deadline = System.nanoTime() + CORRELATION_PATIENCE.toNanos();
        while (true) {
            ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(runId).singleResult();
            if (instance == null) {
                throw new IllegalArgumentException("run '" + runId + "' is not active");
            }
            try {
                engine.getRuntimeService().deleteProcessInstance(instance.getId(), reason);
                return;
            } catch (OptimisticLockingException stepMovedMeanwhile) {
                // a step was being locked or completed in the same instant: the cancel goes on once it committed
                if (System.nanoTime() > deadline) {
                    throw stepMovedMeanwhile;
                }
                pause();
            }
        }
    }

    @Override
    public List<String> deployedProcesses() {
        return List.copyOf(processIds);
    }

    /**
     * Moves the engine's clock forward and wakes the job executor, which then runs every timer due
     * at the new time: how tests and drills make an RTO pass without waiting for it. The timers and
     * the steps they lead to run asynchronously, as they always do.
     */
    public void advanceClock(Duration by) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
        jobExecutor.jobWasAdded();
    }

    /** Back to the real clock. */
    public void resetClock() {
        ClockUtil.reset();
    }

    @Override
    public void close() {
        dispatcher.close();
        engine.close();
    }
}
