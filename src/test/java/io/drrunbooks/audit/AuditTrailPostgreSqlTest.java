package io.drrunbooks.audit;

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.UUID;

/** PostgreSQL at 127.0.0.1:5432, database {@code test} (trust auth), in a schema of its own per test. */
class AuditTrailPostgreSqlTest extends AuditTrailContract {

    @Override
    DataSource freshDatabase() {
        String schema = "audit_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(postgres(null)).execute("CREATE SCHEMA " + schema);
        return postgres(schema);
    }

    private static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://127.0.0.1:5432/test" + (schema == null ? "" : "?currentSchema=" + schema));
        postgres.setUser(System.getenv().getOrDefault("PGUSER", "postgres"));
        return postgres;
    }
}
