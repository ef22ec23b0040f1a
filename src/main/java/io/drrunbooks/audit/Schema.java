package io.drrunbooks.audit;

import org.flywaydb.core.Flyway;
import org.springframework.boot.jdbc.DatabaseDriver;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's own tables, migrated outside Spring Boot (the command line, tests) exactly as the
 * service migrates them: the common scripts plus the database's own ({@code db/vendor/<vendor>},
 * on PostgreSQL the trigger that makes the audit trail append-only).
 */
public final class Schema {

    private Schema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).table("dr_schema_history")
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource)).load().migrate();
    }

    private static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return DatabaseDriver.fromJdbcUrl(connection.getMetaData().getURL()).getId();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it: " + e.getMessage(), e);
        }
    }
}
