package io.drrunbooks.engine.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.client.ZeebeClient;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code dr.engine=camunda} the starter builds no Camunda client, so nothing tries to reach a cluster. */
class EmbeddedByDefaultTest extends ServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theEmbeddedEngineIsTheDefaultAndNoCamundaClientIsBuilt() {
        assertThat(context.getBean(RunbookEngine.class).name()).isEqualTo("embedded");
        assertThat(context.getBeansOfType(CamundaClient.class)).isEmpty();
        assertThat(context.getBeansOfType(ZeebeClient.class)).isEmpty(); // the starter's deprecated second client
        assertThat(context.getEnvironment().getProperty("camunda.client.enabled")).isEqualTo("false");
        assertThat(context.getBeansOfType(CamundaEngine.class)).isEmpty();
    }
}
