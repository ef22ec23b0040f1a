package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.CamundaClientExecutorService;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.StepObserver;
import io.drrunbooks.engine.WorkerId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code dr.engine=camunda}: the runbooks on a Camunda 8 cluster; nothing here exists on the embedded
 * engine. The client is the Camunda Spring Boot starter's, built from {@code camunda.client.*} and
 * switched on by {@link CamundaClientSwitch}; the job workers are the service's own ({@link JobWorkers}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dr.engine", havingValue = "camunda")
class CamundaEngineConfiguration {

    @Bean
    ModelFacts camundaModelFacts(Deployables deployables) {
        return ModelFacts.of(deployables);
    }

    @Bean
    JobWorkers.Settings jobWorkerSettings(@Value("${dr.home}") Path home, @Value("${dr.engine-workers:4}") int workers,
                                          @Value("${dr.step-lock-duration:PT15M}") Duration jobTimeout) {
        return new JobWorkers.Settings(WorkerId.of(home), jobTimeout, workers);
    }

    /**
     * The client's job threads, in place of the starter's ({@code camunda.client.execution-threads}): as
     * many as the workers may hold jobs at once, see {@link JobWorkers.Settings#executionThreads}. The
     * client owns the pool and shuts it down when it closes.
     */
    @Bean
    CamundaClientExecutorService camundaClientExecutorService(ModelFacts models, JobWorkers.Settings settings) {
        return CamundaClientExecutorService.createDefault(settings.executionThreads(models.retriesByJobType().size()));
    }

    @Bean(destroyMethod = "close")
    @DependsOn("flywayInitializer") // the run table, and the audit tables the steps write to
    CamundaEngine camundaEngine(CamundaClient client, DataSource dataSource, ObjectMapper json, Clock clock,
                                Deployables deployables, ModelFacts models, List<StepHandler> handlers,
                                StepObserver observer, JobWorkers.Settings settings) {
        return new CamundaEngine(client, dataSource, json, clock, deployables, models,
                new StepInvoker(handlers, observer), settings);
    }
}
