package io.drrunbooks.docker;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker does not run here, so what can be checked without it is: the compose file parses, its
 * services reach each other by the names and ports they expose, every setting given to the service
 * is one that application.yaml defines, and the image runs as a user other than root with a health
 * check on {@code /actuator/health}.
 */
class DockerFilesTest {

    private static final Path DOCKER = Path.of("docker");

    @Test
    void theComposeFileWiresTheServiceToTheClusterAndItsDatabase() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        assertThat(services).containsKeys("orchestration", "elasticsearch", "postgres", "dr-runbooks");
        Map<String, Object> service = map(services.get("dr-runbooks"));
        Map<String, Object> env = map(service.get("environment"));

        assertThat(env).containsEntry("DR_ENGINE", "camunda");
        assertThat(map(service.get("build"))).containsEntry("dockerfile", "docker/Dockerfile");
        assertThat(map(service.get("depends_on"))).containsOnlyKeys("orchestration", "postgres")
                .allSatisfy((name, how) -> assertThat(map(how)).containsEntry("condition", "service_healthy"));
        assertThat(containerPorts(service)).containsExactly("8080");

        Map<String, Object> orchestration = map(services.get("orchestration"));
        assertThat(orchestration.get("image").toString()).startsWith("camunda/camunda:8.8.");
        URI rest = URI.create(env.get("CAMUNDA_CLIENT_RESTADDRESS").toString());
        URI grpc = URI.create(env.get("CAMUNDA_CLIENT_GRPCADDRESS").toString());
        assertThat(rest.getHost()).isEqualTo("orchestration");
        assertThat(grpc.getHost()).isEqualTo("orchestration");
        assertThat(containerPorts(orchestration)).contains(String.valueOf(rest.getPort()), String.valueOf(grpc.getPort()));
        assertThat(map(orchestration.get("environment")).get("CAMUNDA_DATABASE_URL").toString())
                .isEqualTo("http://elasticsearch:9200");

        Map<String, Object> postgres = map(map(services.get("postgres")).get("environment"));
        URI database = URI.create(env.get("SPRING_DATASOURCE_URL").toString().substring("jdbc:".length()));
        assertThat(database.getHost()).isEqualTo("postgres");
        assertThat(database.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(env).containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
                .containsEntry("SPRING_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void everySettingTheServiceGetsIsAPropertyOfApplicationYaml() throws IOException {
        Set<String> known = new HashSet<>();
        try (var in = getClass().getResourceAsStream("/application.yaml")) {
            for (Object document : new Yaml().loadAll(in)) {
                flatten("", map(document), known);
            }
        }
        Map<String, Object> env = map(map(map(compose().get("services")).get("dr-runbooks")).get("environment"));
        for (String variable : env.keySet()) {
            // Spring's relaxed binding: DR_TARGET_ROOT is dr.target.root, CAMUNDA_CLIENT_RESTADDRESS camunda.client.rest-address
            assertThat(known).as(variable + " names a property of application.yaml")
                    .contains(variable.toLowerCase(Locale.ROOT).replace('_', '.'));
        }
    }

    @Test
    void theImageIsBuiltInStagesAndRunsAsAnotherUserWithAHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSize(2);
        assertThat(lines.stream().filter(l -> l.startsWith("USER ")).map(l -> l.substring(5).trim()))
                .containsExactly("dr");
        assertThat(String.join("\n", lines)).contains("HEALTHCHECK").contains("/actuator/health");
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve("docker-compose.yml")));
    }

    /** The container side of each "host:container" port mapping. */
    private static List<String> containerPorts(Map<String, Object> service) {
        List<?> ports = (List<?>) service.get("ports");
        return ports.stream().map(p -> p.toString().substring(p.toString().lastIndexOf(':') + 1)).toList();
    }

    /** Property names as relaxed binding compares them: lower case, without dashes. */
    private static void flatten(String prefix, Map<String, Object> tree, Set<String> names) {
        tree.forEach((key, value) -> {
            String name = prefix + key.toLowerCase(Locale.ROOT).replace("-", "");
            names.add(name);
            if (value instanceof Map<?, ?>) {
                flatten(name + ".", map(value), names);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
