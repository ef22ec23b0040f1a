package io.drrunbooks.database;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Gives an H2 file database configured without a password (the default, {@code <dr.home>/db/dr}) the generated
 * one, before the pool is built from these properties; see {@link EmbeddedDatabase}. A post-processor is made before
 * any other bean, so it also creates {@code dr.home} owner-only before anything else can create it with the umask.
 */
@Component
class EmbeddedDatabasePassword implements BeanPostProcessor {

    static {
        EmbeddedDatabase.listenOnLoopbackOnly(); // before any connection opens H2's listener
    }

    /** The H2 file database whose password this gave, once the properties were seen. */
    private Path database;

    EmbeddedDatabasePassword(@Value("${dr.home}") Path home) {
        EmbeddedDatabase.createOwnerOnly(home);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && database != null) {
            try (Connection opened = dataSource.getConnection()) {
                EmbeddedDatabase.restrictFiles(database); // the lock file H2 just wrote
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the database " + database + ": " + e.getMessage(), e);
            }
        }
        if (bean instanceof DataSourceProperties properties && (properties.getPassword() == null || properties.getPassword().isEmpty())) {
            EmbeddedDatabase.of(properties.getUrl()).ifPresent(file -> {
                properties.setUsername(EmbeddedDatabase.USER);
                properties.setPassword(EmbeddedDatabase.prepare(file));
                database = file;
            });
        }
        return bean;
    }
}
