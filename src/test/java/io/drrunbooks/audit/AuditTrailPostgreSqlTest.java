package io.drrunbooks.audit;

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL at 127.0.0.1:5432, database {@code test} (trust auth), in a schema of its own per test. */
class AuditTrailPostgreSqlTest extends AuditTrailContract {

    @Override
    DataSource freshDatabase() {
        String schema = "audit_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(postgres(null)).execute("CREATE SCHEMA " + schema);
        return postgres(schema);
    }

    /** The trigger refuses changes; an attacker who can run DDL switches it off first. */
    @Override
    void tamper(JdbcTemplate jdbc, String sql) {
        jdbc.execute("ALTER TABLE dr_audit_event DISABLE TRIGGER dr_audit_append_only");
        jdbc.update(sql);
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() {
        trail().append("r", "ic", "run.started", null, java.util.Map.of());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        for (String sql : java.util.List.of("UPDATE dr_audit_event SET actor = 'x'", "DELETE FROM dr_audit_event",
                "TRUNCATE dr_audit_event")) {
            assertThatThrownBy(() -> jdbc.execute(sql)).as(sql).hasMessageContaining("append-only");
        }
        assertThat(trail().check("r").intact()).isTrue();
    }

    private static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://127.0.0.1:5432/test" + (schema == null ? "" : "?currentSchema=" + schema));
        postgres.setUser(System.getenv().getOrDefault("PGUSER", "postgres"));
        return postgres;
    }
}
