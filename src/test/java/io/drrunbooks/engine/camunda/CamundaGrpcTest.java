package io.drrunbooks.engine.camunda;

import com.google.protobuf.Message;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.drrunbooks.engine.BpmnError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.drrunbooks.engine.camunda.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same adapter with {@code camunda.client.prefer-rest-over-grpc=false}: deployment, instance
 * creation and every job command over the gateway's gRPC API, against an in-process gRPC stand-in.
 * The REST address points nowhere, so a command that went over REST would fail.
 */
class CamundaGrpcTest {

    private final GrpcGatewayStandIn gateway = new GrpcGatewayStandIn();
    private final EngineFixture fixture = new EngineFixture(URI.create("http://127.0.0.1:1"), gateway.address(), false);

    @AfterEach
    void close() {
        fixture.close();
        gateway.close();
    }

    @Test
    void deploysEveryModelAndFormInOneDeployResourceCommand() {
        List<DeployResourceRequest> deployments = gateway.commands(DeployResourceRequest.class);
        assertThat(deployments).hasSize(1);
        Set<String> sent = deployments.get(0).getResourcesList().stream().map(Resource::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sent).isEqualTo(fixture.resourceNames());
        assertThat(fixture.engine.deployedProcesses()).contains("registry-corruption", "server-loss", "backup");
    }

    @Test
    void activatesJobsOfEveryTypeInTheModels() {
        eventually("a worker per job type", () -> gateway.polledJobTypes().equals(fixture.jobTypesInModels()));
    }

    @Test
    void activatesJobsUnderThisInstancesNameWithTheStepLockDurationAsTimeout() {
        eventually("an activation of stop-services", () -> gateway.lastActivation("stop-services").isPresent());
        ActivateJobsRequest activation = gateway.lastActivation("stop-services").orElseThrow();

        assertThat(activation.getWorker()).isEqualTo(EngineFixture.WORKER_NAME);
        assertThat(activation.getTimeout()).isEqualTo(EngineFixture.STEP_LOCK_DURATION.toMillis());
        assertThat(activation.getMaxJobsToActivate()).isEqualTo(EngineFixture.WORKERS);
    }

    @Test
    void createsTheInstanceByProcessIdWithTheRunId() {
        fixture.engine.start("registry-corruption", "run-g", Map.of("rto", "PT1H"));

        CreateProcessInstanceRequest create = gateway.commands(CreateProcessInstanceRequest.class).get(0);
        assertThat(create.getBpmnProcessId()).isEqualTo("registry-corruption");
        assertThat(create.getVersion()).isEqualTo(-1); // the latest deployed version
        assertThat(create.getVariables()).contains("\"runId\":\"run-g\"").contains("\"rto\":\"PT1H\"");
    }

    @Test
    void reportsCompletionErrorAndFailureOneToOne() {
        fixture.behaviour.put("stop-services", context -> Map.of("stopped", true));
        fixture.behaviour.put("select-backup", context -> {
            throw new BpmnError("NO_USABLE_BACKUP", "no set verifies", Map.of("noUsableBackup", true));
        });
        fixture.behaviour.put("restore-data-sets", context -> {
            throw new IllegalStateException("disk full");
        });
        gateway.queueJob(job(8001, "stop-services", 3));
        gateway.queueJob(job(8002, "select-backup", 3));
        gateway.queueJob(job(8003, "restore-data-sets", 3));

        CompleteJobRequest completed = awaitOne(CompleteJobRequest.class);
        ThrowErrorRequest error = awaitOne(ThrowErrorRequest.class);
        FailJobRequest failed = awaitOne(FailJobRequest.class);

        assertThat(completed.getJobKey()).isEqualTo(8001);
        assertThat(completed.getVariables()).contains("\"stopped\":true");
        assertThat(error.getJobKey()).isEqualTo(8002);
        assertThat(error.getErrorCode()).isEqualTo("NO_USABLE_BACKUP");
        assertThat(error.getVariables()).contains("\"noUsableBackup\":true");
        assertThat(failed.getJobKey()).isEqualTo(8003);
        assertThat(failed.getRetries()).isEqualTo(2);
        assertThat(failed.getErrorMessage()).isEqualTo("disk full");
        assertThat(failed.getRetryBackOff()).isEqualTo(2_000);
        assertThat(fixture.seen.get("stop-services").runId()).isEqualTo("run-g");
    }

    private <T extends Message> T awaitOne(Class<T> type) {
        eventually(type.getSimpleName(), () -> !gateway.commands(type).isEmpty());
        return gateway.commands(type).get(0);
    }

    private static ActivatedJob job(long key, String type, int retries) {
        return ActivatedJob.newBuilder().setKey(key).setType(type).setProcessInstanceKey(GrpcGatewayStandIn.INSTANCE)
                .setBpmnProcessId("registry-corruption").setProcessDefinitionVersion(1).setProcessDefinitionKey(1)
                .setElementId(type).setElementInstanceKey(key + 1).setCustomHeaders("{}").setWorker("dr-runbooks")
                .setRetries(retries).setDeadline(System.currentTimeMillis() + 60_000)
                .setVariables("{\"runId\":\"run-g\"}").setTenantId("<default>").build();
    }
}
