package io.drrunbooks.cli;

import io.drrunbooks.audit.Schema;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The service's own H2 database under its home, opened without the service: {@code AUTO_SERVER}
 * shares the file with a running service, and the same migrations make sure the tables exist.
 */
final class CliDatabase {

    private CliDatabase() {
    }

    static DataSource open(Path home) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // Open until the command ends: closed after each statement (the default without a pool), H2 would compact
        // and fsync the file every time, which made the audit of a restore cost seconds. WRITE_DELAY=0 as the
        // service has it: every commit reaches the file before the statement returns.
        dataSource.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db/dr")
                + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Schema.migrate(dataSource);
        return dataSource;
    }
}
