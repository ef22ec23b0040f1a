package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.Process;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.engine.camunda.RunRegistry.StartedRun;
import io.grpc.Status;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runbooks on a Camunda 8 cluster, through the Apache-2.0 Java client: the models and forms
 * are deployed unchanged in one deployment, service tasks are run by {@link JobWorkers}, runs and
 * user tasks are read through the REST API's search endpoints. See package-info.
 */
public final class CamundaEngine implements RunbookEngine, AutoCloseable {

    private static final Duration MESSAGE_TIME_TO_LIVE = Duration.ofSeconds(30);
    private final CamundaClient client;
    private final RunRegistry registry;
    private final RunSearch search;
    private final UserTasks tasks;
    private final Clock clock;
    private final List<String> processIds;
    private final Set<String> taskProcessIds;
    private final JobWorkers workers;

    /**
     * Deploys, then opens the workers; fails when the cluster cannot be reached, as a service that
     * cannot run its runbooks should not look up.
     */
    CamundaEngine(CamundaClient client, DataSource dataSource, ObjectMapper json, Clock clock, Deployables deployables,
                  ModelFacts models, StepInvoker invoker, JobWorkers.Settings workerSettings) {
        this.client = client;
        this.registry = new RunRegistry(dataSource, json);
        this.search = new RunSearch(client, json);
        this.tasks = new UserTasks(client, json, registry);
        this.clock = clock;
        this.taskProcessIds = models.userTaskProcessIds();
        this.processIds = deploy(deployables);
        this.workers = new JobWorkers(client, invoker, models.retriesByJobType(), workerSettings);
    }

    /** Every model and every form in one deployment, so a model never runs without its forms. */
    private List<String> deploy(Deployables deployables) {
        DeployResourceCommandStep1 command = client.newDeployResourceCommand();
        DeployResourceCommandStep2 withResources = null;
        for (ModelResource resource : Stream.concat(deployables.models().stream(), deployables.forms().stream()).toList()) {
            withResources = (withResources == null ? command : withResources).addResourceBytes(resource.content(), resource.name());
        }
        if (withResources == null) {
            return List.of();
        }
        return withResources.send().join().getProcesses().stream().map(Process::getBpmnProcessId).toList();
    }

    @Override
    public String name() {
        return "camunda";
    }

    @Override
    public void start(String processId, String runId, Map<String, Object> variables) {
        Map<String, Object> all = new LinkedHashMap<>(variables);
        all.put("runId", runId);
        long key = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(all)
                .send().join().getProcessInstanceKey();
        registry.record(new StartedRun(runId, processId, key, clock.instant(), all));
    }

    @Override
    public Optional<EngineRun> run(String runId) {
        return registry.find(runId).map(search::run);
    }

    @Override
    public List<EngineRun> runs(Collection<String> processIds, int limit) {
        return registry.newest(processIds, limit).stream().map(search::run).toList();
    }

    @Override
    public List<UserTask> tasks(String runId) {
        if (runId == null) {
            return tasks.openOfProcesses(taskProcessIds);
        }
        return registry.find(runId).map(run -> tasks.openOfInstance(run.processInstanceKey())).orElse(List.of());
    }

    @Override
    public Optional<UserTask> task(String taskId) {
        return tasks.find(taskId);
    }

    @Override
    public void completeTask(String taskId, Map<String, Object> variables) {
        tasks.complete(taskId, variables);
    }

    @Override
    public void cancel(String runId, String reason) {
        StartedRun run = registry.find(runId).orElseThrow(() -> notActive(runId));
        try {
            client.newCancelInstanceCommand(run.processInstanceKey()).send().join();
        } catch (ProblemException e) {
            throw e.code() == 404 ? notActive(runId) : e;
        } catch (ClientStatusException e) { // the command went over gRPC (camunda.client.prefer-rest-over-grpc=false)
            throw e.getStatusCode() == Status.Code.NOT_FOUND ? notActive(runId) : e;
        }
    }

    private static IllegalArgumentException notActive(String runId) {
        return new IllegalArgumentException("run '" + runId + "' is not active");
    }

    /**
     * Publishes the message with a short time to live: Zeebe holds it until a run waiting for it with
     * that key catches it. A cluster does not say whether one did, so this reports true once published.
     */
    @Override
    public boolean correlate(String message, String correlationKey, Map<String, Object> variables) {
        client.newPublishMessageCommand().messageName(message).correlationKey(correlationKey)
                .timeToLive(MESSAGE_TIME_TO_LIVE).variables(variables).send().join();
        return true;
    }

    @Override
    public List<String> deployedProcesses() {
        return processIds;
    }

    @Override
    public void close() {
        workers.close();
    }
}
