package io.drrunbooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default's H2 keeps what it committed when its process is killed: H2 has no log, and by
 * default writes commits out up to half a second later, which lost a killed service's last approval.
 */
class EmbeddedDatabaseDurabilityTest {

    private static final int ROWS = 5;

    @TempDir
    Path home;

    @Test
    void everyCommitOfTheDefaultDatabaseSurvivesTheProcessBeingKilledRightAfterIt() throws Exception {
        String url = defaultUrl(home);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), url)
                .inheritIO().start();
        assertThat(writer.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(writer.exitValue()).as("the writer halts itself right after its commits").isEqualTo(Writer.HALTED);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM committed")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(ROWS);
        }
    }

    /** The URL the service uses when no dr.datasource.url is set, from its own application.yaml. */
    private static String defaultUrl(Path home) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("dr.home", home.toString())));
        return environment.resolveRequiredPlaceholders(yaml.getObject().getProperty("spring.datasource.url"));
    }

    /** Commits rows one by one, then dies at once, as a killed process does: no shutdown hook, no close. */
    public static final class Writer {

        static final int HALTED = 9;

        public static void main(String[] args) throws SQLException {
            Connection connection = DriverManager.getConnection(args[0], "sa", "");
            connection.createStatement().execute("CREATE TABLE committed (i INT)");
            for (int i = 0; i < ROWS; i++) {
                connection.createStatement().execute("INSERT INTO committed VALUES (" + i + ")");
            }
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
