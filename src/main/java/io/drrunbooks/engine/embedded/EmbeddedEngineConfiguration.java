package io.drrunbooks.engine.embedded;

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
import java.time.Duration;
import java.util.List;

/** {@code dr.engine=embedded} (the default): Operaton in this process, on the service's database. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dr.engine", havingValue = "embedded", matchIfMissing = true)
class EmbeddedEngineConfiguration {

    @Bean(destroyMethod = "close")
    @DependsOn("flywayInitializer") // steps write to the audit tables the moment the engine runs
    EmbeddedEngine embeddedEngine(DataSource dataSource, Deployables deployables, List<StepHandler> handlers,
                                  StepObserver observer, @Value("${dr.engine-workers:4}") int workers,
                                  @Value("${dr.step-lock-duration:PT15M}") Duration lockDuration,
                                  @Value("${dr.home}") Path home) {
        return new EmbeddedEngine(new EmbeddedEngineOptions(dataSource, deployables.models(), deployables.forms(),
                new StepInvoker(handlers, observer), workers, lockDuration, WorkerId.of(home)));
    }
}
