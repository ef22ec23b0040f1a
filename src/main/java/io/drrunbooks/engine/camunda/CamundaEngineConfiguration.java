package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.impl.CamundaObjectMapper;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.StepObserver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** {@code dr.engine=camunda}: the runbooks on a Camunda 8 cluster; nothing here exists on the embedded engine. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dr.engine", havingValue = "camunda")
@EnableConfigurationProperties(CamundaClientProperties.class)
class CamundaEngineConfiguration {

    @Bean(destroyMethod = "close")
    CamundaClient camundaClient(CamundaClientProperties properties, ObjectMapper json,
                                @Value("${dr.engine-workers:4}") int workers) {
        CamundaClientBuilder builder = CamundaClient.newClientBuilder()
                .restAddress(properties.restAddress())
                .grpcAddress(properties.grpcAddress())
                .preferRestOverGrpc(properties.preferRestOverGrpc())
                .numJobWorkerExecutionThreads(workers)
                // variables as the service's own JSON: times as ISO-8601 text, as the embedded engine stores them
                .withJsonMapper(new CamundaObjectMapper(json.copy()));
        CredentialsProvider credentials = credentials(properties.auth());
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder.build();
    }

    private static CredentialsProvider credentials(CamundaClientProperties.Auth auth) {
        String method = auth.method() == null ? "" : auth.method().trim().toLowerCase();
        return switch (method) {
            case "", "none" -> null;
            case "basic" -> CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username(auth.username()).password(auth.password()).build();
            case "oidc" -> CredentialsProvider.newCredentialsProviderBuilder()
                    .clientId(auth.clientId()).clientSecret(auth.clientSecret())
                    .authorizationServerUrl(auth.tokenUrl()).audience(auth.audience()).build();
            default -> throw new IllegalStateException("camunda.client.auth.method must be none, basic or oidc, not '"
                    + auth.method() + "'");
        };
    }

    @Bean(destroyMethod = "close")
    @DependsOn("flywayInitializer") // the run table, and the audit tables the steps write to
    CamundaEngine camundaEngine(CamundaClient client, DataSource dataSource, ObjectMapper json, Clock clock,
                                Deployables deployables, List<StepHandler> handlers, StepObserver observer,
                                @Value("${dr.engine-workers:4}") int workers,
                                @Value("${dr.step-lock-duration:PT15M}") Duration jobTimeout) {
        return new CamundaEngine(client, dataSource, json, clock, deployables, new StepInvoker(handlers, observer),
                jobTimeout, workers);
    }
}
