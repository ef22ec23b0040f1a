package io.drrunbooks.engine.camunda;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * Derives {@code camunda.client.enabled} from {@code dr.engine}: the Camunda Spring Boot starter builds
 * its client (and connects) unless that property is false, and it must do so exactly when the runbooks
 * run on a cluster. The embedded engine (the default) thereby has no client and reaches no cluster; the
 * property set directly has no effect, as the engine alone decides. The value is read when asked for,
 * not when this runs, so that {@code dr.engine} counts from wherever it comes, including sources added
 * after the environment was prepared (a test's dynamic properties). Registered in META-INF/spring.factories.
 */
class CamundaClientSwitch implements EnvironmentPostProcessor {

    static final String PROPERTY = "camunda.client.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new EngineDecides(environment));
    }

    /** Its source is not the environment it reads: Spring Boot would take that for nested property sources. */
    private static final class EngineDecides extends PropertySource<String> {

        private final PropertyResolver environment;

        EngineDecides(PropertyResolver environment) {
            super("dr.engine decides " + PROPERTY, PROPERTY);
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            // the same test as @ConditionalOnProperty(name = "dr.engine", havingValue = "camunda")
            return PROPERTY.equals(name) ? String.valueOf("camunda".equalsIgnoreCase(environment.getProperty("dr.engine"))) : null;
        }
    }
}
