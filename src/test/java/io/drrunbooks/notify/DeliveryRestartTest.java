package io.drrunbooks.notify;

import io.drrunbooks.DrRunbooksApplication;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery still pending when the service stops goes out once the service is started again, and only once. */
class DeliveryRestartTest {

    @TempDir
    Path home;

    @Test
    void aDeliveryPendingAtStopArrivesOnceAfterTheRestart() throws IOException {
        int port = freePort(); // nothing listens there yet: every attempt is refused
        String id;
        try (ConfigurableApplicationContext first = start(port)) {
            id = first.getBean(Notifications.class).raise("backup-failure", "restart drill", "test");
            AuditTrail audit = first.getBean(AuditTrail.class);
            ServiceTest.eventually("a refused attempt", () -> types(audit, id).contains("notification.delivery-failed"));
        }
        assertThat(pending(home)).isEqualTo(1);

        try (WebhookReceiver receiver = new WebhookReceiver(port);
             ConfigurableApplicationContext second = start(port)) {
            AuditTrail audit = second.getBean(AuditTrail.class);
            ServiceTest.eventually("the delivery after the restart", () -> types(audit, id).contains("notification.delivered"));
            assertThat(pending(second.getBean(DataSource.class))).isZero(); // nothing left to retry: it cannot arrive again
            assertThat(receiver.received()).hasSize(1).allMatch(hook -> id.equals(hook.get("notificationId")));
            assertThat(types(audit, id).stream().filter("notification.delivered"::equals)).hasSize(1);
            assertThat(types(audit, id)).doesNotContain("notification.undeliverable");
        }
    }

    private ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(DrRunbooksApplication.class).properties(TestUsers.properties()).run(
                "--server.port=0", "--dr.home=" + home, "--dr.target.root=" + home.resolve("target"),
                "--dr.backup.daily-cron=", "--dr.backup.weekly-cron=", "--dr.backup.verify-cron=", "--dr.backup.prune-cron=",
                "--dr.audit.replication.enabled=false",
                "--dr.contacts.storage-admin.webhook[0]=http://127.0.0.1:" + port + "/hook",
                "--dr.notification.attempts=50", "--dr.notification.backoff=PT0.2S");
    }

    private static List<String> types(AuditTrail audit, String id) {
        return audit.events(id).stream().map(AuditEvent::type).toList();
    }

    private static int pending(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM dr_notification_delivery", Integer.class);
    }

    /** Between the two services: the H2 file on its own. */
    private static int pending(Path home) {
        var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:h2:file:" + home.resolve("db/dr") + ";AUTO_SERVER=TRUE", "sa",
                io.drrunbooks.database.EmbeddedDatabase.password(home.resolve("db/dr")));
        return pending(dataSource);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
