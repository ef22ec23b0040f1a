package io.drrunbooks.testsupport;

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

/** The local PostgreSQL (127.0.0.1:5432, database test, trust auth): a fresh schema per use. */
public final class PostgreSql {

    public static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");

    private PostgreSql() {
    }

    /** Creates a new schema and returns a JDBC URL whose connections use it. */
    public static String freshSchemaUrl(String prefix) {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        admin.setUser(USER);
        new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        return "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema;
    }
}
