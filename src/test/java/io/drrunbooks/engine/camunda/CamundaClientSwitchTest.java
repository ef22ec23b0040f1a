package io.drrunbooks.engine.camunda;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code camunda.client.enabled}, which switches the starter's client on, follows {@code dr.engine} alone. */
class CamundaClientSwitchTest {

    @Test
    void theClientIsOffOnTheEmbeddedEngineEvenWhenSwitchedOnDirectly() {
        StandardEnvironment environment = environment(Map.of("camunda.client.enabled", "true"));

        assertThat(environment.getProperty(CamundaClientSwitch.PROPERTY)).isEqualTo("false");
        assertThat(Binder.get(environment).bind(CamundaClientSwitch.PROPERTY, Boolean.class).get()).isFalse();
    }

    @Test
    void theClientIsOnWithTheCamundaEngineEvenWhenSwitchedOffDirectly() {
        StandardEnvironment environment = environment(Map.of("dr.engine", "Camunda", "camunda.client.enabled", "false"));

        assertThat(environment.getProperty(CamundaClientSwitch.PROPERTY)).isEqualTo("true");
        assertThat(Binder.get(environment).bind(CamundaClientSwitch.PROPERTY, Boolean.class).get()).isTrue();
    }

    @Test
    void anEngineSetAfterTheEnvironmentWasPreparedCounts() {
        StandardEnvironment environment = environment(Map.of("dr.engine", "embedded"));
        assertThat(environment.getProperty(CamundaClientSwitch.PROPERTY)).isEqualTo("false");

        // as a test's dynamic properties arrive: a source added first, once the post-processors have run
        environment.getPropertySources().addFirst(new MapPropertySource("later", Map.of("dr.engine", "camunda")));

        assertThat(environment.getProperty(CamundaClientSwitch.PROPERTY)).isEqualTo("true");
    }

    private static StandardEnvironment environment(Map<String, Object> configured) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yaml", configured));
        new CamundaClientSwitch().postProcessEnvironment(environment, null);
        return environment;
    }
}
