package io.drrunbooks.cli;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ChildJvm;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's default H2 database, as a second local user would meet it: the service runs in a JVM of its own on
 * a home it creates, and this test plays the other user (the modes stand for what another uid could open) and the
 * command line, which must still open the database beside the service.
 */
class EmbeddedDatabaseAccessTest {

    @TempDir
    Path temp;

    @Test
    void theDefaultDatabaseIsOwnerOnlyListensOnTheLoopbackAndRefusesAnyoneWithoutItsPassword() throws Exception {
        Path home = temp.resolve("home");
        int port = freePort();
        try (ChildJvm service = ChildJvm.start(temp.resolve("service.log"), args(home, port))) {
            Api api = new Api(port);
            service.awaitOrExit(() -> up(api), Duration.ofMinutes(3));
            Path db = home.resolve("db");

            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(mode(db)).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(db)) {
                List<Path> all = files.toList();
                assertThat(all).extracting(f -> f.getFileName().toString()).contains("dr.mv.db", "dr.lock.db", "dr.password");
                for (Path file : all) {
                    assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
                }
            }

            Properties lock = new Properties();
            lock.load(new StringReader(Files.readString(db.resolve("dr.lock.db"))));
            int listenerPort = Integer.parseInt(lock.getProperty("server").replaceAll(".*:", ""));
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThat(connects(address, listenerPort)).as("a listener on " + address).isFalse();
            }
            assertThat(connects(InetAddress.getLoopbackAddress(), listenerPort)).isTrue();

            String overTcp = "jdbc:h2:tcp://127.0.0.1:" + listenerPort + "/" + lock.getProperty("id");
            String password = Files.readString(db.resolve("dr.password")).strip();
            for (String guess : List.of("", "sa", password + "x")) {
                assertThatThrownBy(() -> DriverManager.getConnection(overTcp, "sa", guess).close())
                        .as("password '" + guess + "'").isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
                assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:file:" + db.resolve("dr") + ";AUTO_SERVER=TRUE", "sa", guess).close())
                        .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
            }
            try (Connection withPassword = DriverManager.getConnection(overTcp, "sa", password)) {
                assertThat(withPassword.isValid(5)).isTrue();
            }
            // the command line opens the database the service holds, as `restore` and `verify-audit` do beside it
            AuditTrail trail = new AuditTrail(CliDatabase.open(home), Clock.systemUTC());
            trail.append("cli-beside-the-service", "operator", "test.event", null, null);
            assertThat(trail.check("cli-beside-the-service").intact()).isTrue();
        }
    }

    private static List<String> args(Path home, int port) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--dr.home=" + home,
                "--dr.target.root=" + home.resolve("target"), "--dr.audit.replication.enabled=false",
                "--dr.backup.daily-cron=", "--dr.backup.weekly-cron=", "--dr.backup.verify-cron=", "--dr.backup.prune-cron="));
        TestUsers.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        return args;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            network.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(addresses::add);
        }
        assertThat(addresses).as("this machine needs an address besides the loopback for the test to mean anything").isNotEmpty();
        return addresses;
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean up(Api api) {
        try {
            return api.get("/actuator/health").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
