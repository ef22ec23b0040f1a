package io.drrunbooks.cli;

import io.drrunbooks.audit.Schema;
import io.drrunbooks.database.EmbeddedDatabase;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The service's own H2 database under its home, opened without the service: {@code AUTO_SERVER}
 * shares the file with a running service, through its loopback listener, with the password in the home's
 * {@code db/dr.password} ({@link EmbeddedDatabase}). A home whose schema is at the newest migration this version ships is
 * used as it is; only a new or older one is migrated, with the service's migrations: starting Flyway, which scans
 * the jar for them and validates every one, cost each command about a second.
 */
final class CliDatabase {

    /** The newest migration this version ships ({@code db/migration}, {@code db/vendor/*}); CliTest checks it. */
    static final String NEWEST_MIGRATION = "40";

    private CliDatabase() {
    }

    static DataSource open(Path home) {
        EmbeddedDatabase.listenOnLoopbackOnly();
        Path database = home.toAbsolutePath().resolve("db/dr");
        String password = EmbeddedDatabase.prepare(database);
        JdbcDataSource dataSource = new JdbcDataSource();
        // Open until the command ends: closed after each statement (the default without a pool), H2 would compact
        // and fsync the file every time, which made the audit of a restore cost seconds. WRITE_DELAY=0 as the
        // service has it: every commit reaches the file before the statement returns.
        dataSource.setURL("jdbc:h2:file:" + database
                + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
        dataSource.setUser(EmbeddedDatabase.USER);
        dataSource.setPassword(password);
        if (!migrated(dataSource)) {
            Schema.migrate(dataSource);
        }
        EmbeddedDatabase.restrictFiles(database); // open now (DB_CLOSE_DELAY=-1): the lock file it may have written
        return dataSource;
    }

    /** Whether the newest migration has been applied: Flyway's history table records it as a success. */
    static boolean migrated(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM \"dr_schema_history\" WHERE \"version\" = ? AND \"success\"")) {
            query.setString(1, NEWEST_MIGRATION);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getInt(1) > 0;
            }
        } catch (SQLException noHistoryYet) {
            return false; // a new home: Flyway creates the history with the tables
        }
    }
}
