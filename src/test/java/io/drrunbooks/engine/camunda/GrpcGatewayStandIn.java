package io.drrunbooks.engine.camunda;

import com.google.protobuf.Message;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FormMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process stand-in for the Zeebe gateway's gRPC API ({@code GatewayGrpc}, Netty on 127.0.0.1),
 * for a client that does not prefer REST: records every command (of job activations only the latest per
 * type), accepts one deployment, creates
 * instances, hands out the jobs queued per type and accepts their completion, error or failure.
 */
final class GrpcGatewayStandIn extends GatewayGrpc.GatewayImplBase implements AutoCloseable {

    static final long INSTANCE = 2251799813692001L;

    private final Server server;
    private final List<Message> commands = new CopyOnWriteArrayList<>();
    private final Map<String, ActivateJobsRequest> lastActivationByType = new ConcurrentHashMap<>();
    private final Map<String, Deque<ActivatedJob>> jobs = new ConcurrentHashMap<>();

    GrpcGatewayStandIn() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    void queueJob(ActivatedJob job) {
        jobs.computeIfAbsent(job.getType(), t -> new ConcurrentLinkedDeque<>()).add(job);
    }

    Set<String> polledJobTypes() {
        return Set.copyOf(lastActivationByType.keySet());
    }

    /** The latest ActivateJobs request for the type, if a worker asked for jobs of it. */
    Optional<ActivateJobsRequest> lastActivation(String type) {
        return Optional.ofNullable(lastActivationByType.get(type));
    }

    <T extends Message> List<T> commands(Class<T> type) {
        return commands.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> response) {
        commands.add(request);
        DeployResourceResponse.Builder deployment = DeployResourceResponse.newBuilder().setKey(1).setTenantId("<default>");
        long key = 2251799813685000L;
        for (Resource resource : request.getResourcesList()) {
            String content = resource.getContent().toString(StandardCharsets.UTF_8);
            key++;
            if (resource.getName().endsWith(".bpmn")) {
                deployment.addDeploymentsBuilder().setProcess(ProcessMetadata.newBuilder().setBpmnProcessId(StandIns.processId(content))
                        .setVersion(1).setProcessDefinitionKey(key).setResourceName(resource.getName()).setTenantId("<default>"));
            } else {
                deployment.addDeploymentsBuilder().setForm(FormMetadata.newBuilder().setFormId(StandIns.formId(content))
                        .setVersion(1).setFormKey(key).setResourceName(resource.getName()).setTenantId("<default>"));
            }
        }
        reply(response, deployment.build());
    }

    @Override
    public void createProcessInstance(CreateProcessInstanceRequest request, StreamObserver<CreateProcessInstanceResponse> response) {
        commands.add(request);
        reply(response, CreateProcessInstanceResponse.newBuilder().setProcessInstanceKey(INSTANCE)
                .setBpmnProcessId(request.getBpmnProcessId()).setVersion(1).setProcessDefinitionKey(1).setTenantId("<default>").build());
    }

    /** Up to maxJobsToActivate of the jobs queued for the type, as the gateway hands them out. */
    @Override
    public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> response) {
        lastActivationByType.put(request.getType(), request);
        Deque<ActivatedJob> queued = jobs.getOrDefault(request.getType(), new ConcurrentLinkedDeque<>());
        ActivateJobsResponse.Builder activated = ActivateJobsResponse.newBuilder();
        for (ActivatedJob job; activated.getJobsCount() < request.getMaxJobsToActivate() && (job = queued.poll()) != null; ) {
            activated.addJobs(job);
        }
        if (activated.getJobsCount() == 0) {
            StandIns.noJobPause();
        }
        reply(response, activated.build());
    }

    @Override
    public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> response) {
        commands.add(request);
        reply(response, CompleteJobResponse.getDefaultInstance());
    }

    @Override
    public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> response) {
        commands.add(request);
        reply(response, ThrowErrorResponse.getDefaultInstance());
    }

    @Override
    public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> response) {
        commands.add(request);
        reply(response, FailJobResponse.getDefaultInstance());
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
