package io.drrunbooks.testsupport;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.VerificationLog;
import io.drrunbooks.engine.embedded.EmbeddedEngine;
import io.drrunbooks.notify.Notifications;
import io.drrunbooks.target.Target;
import io.drrunbooks.target.TargetProperties;
import io.drrunbooks.verify.SetVerifier;
import io.drrunbooks.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.function.BooleanSupplier;

/**
 * The whole service on the embedded engine, against a real Platform God tree and real backup sets
 * in a temporary home. Every test starts from a fresh tree with no backup sets, no open notification
 * and the real clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

    protected static final Path HOME = TestHomes.create("dr-service-test");

    @Autowired
    private DataSource dataSource;
    @Autowired
    protected Target target;
    @Autowired
    protected TargetProperties targetProperties;
    @Autowired
    protected BackupSets backups;
    @Autowired
    protected EmbeddedEngine engine;
    @Autowired
    private Notifications notifications;
    @Autowired
    private VerificationLog verifications;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("dr.home", HOME::toString);
        registry.add("dr.target.root", () -> HOME.resolve("target").toString());
        // a subclass may point the whole service at another database by setting dr.test.database
        registry.add("spring.datasource.url", () -> "${dr.test.database:jdbc:h2:file:" + HOME.resolve("db/dr") + ";AUTO_SERVER=TRUE}");
        registry.add("dr.audit.external-source", () -> HOME.resolve("external-audit").toString());
        TestUsers.configure(registry);
        TestHomes.withoutSchedules(registry);
        // outside the backup root, which every test wipes while the replicator may be writing
        registry.add("dr.audit.replica", () -> HOME.resolve("audit-replica").toString());
    }

    @BeforeEach
    void freshTarget() throws IOException {
        FileSystemUtils.deleteRecursively(root());
        FileSystemUtils.deleteRecursively(HOME.resolve("backups"));
        // set ids are times to the second: a set of this test may get the id of an earlier test's, whose verification must not carry over
        new JdbcTemplate(dataSource).update("DELETE FROM dr_backup_verification");
        // an earlier test's runs are abandoned with its tree: their holds must not refuse this test's recoveries
        new JdbcTemplate(dataSource).update("DELETE FROM dr_target_hold");
        FileSystemUtils.deleteRecursively(HOME.resolve("external-audit"));
        PlatformGodFixture.create(root());
        targetProperties.setVerifyCommand("");
        targetProperties.setHealthUrl("");
        targetProperties.setPublicHealthUrl("");
        targetProperties.setHealthTimeout(Duration.ofMinutes(2));
        targetProperties.setStopCommand("");
        targetProperties.setStartCommand("");
        targetProperties.setAllowedRoots(new ArrayList<>());
    }

    /** A notification left open would escalate whenever a later test moves the clock. */
    @AfterEach
    void closeNotificationsAndRealClock() {
        notifications.list().stream().filter(Notifications.Notification::open)
                .forEach(open -> notifications.acknowledge(open.notificationId(), "test-teardown"));
        engine.resetClock();
    }

    protected Path root() {
        return HOME.resolve("target");
    }

    protected Path registry() {
        return root().resolve("var/registry");
    }

    protected BackupSet backup() {
        return backups.write(target.layout(), target.layout().dailyDataSets());
    }

    /** A daily set, verified in full as the backup runbook leaves it (only a verified set counts toward an RPO). */
    protected BackupSet verifiedBackup() {
        BackupSet set = backup();
        Verification verification = new SetVerifier().verify(set);
        if (!verification.ok()) {
            throw new IllegalStateException("a set just written does not verify: " + verification.message());
        }
        verifications.record(set.id(), verification, null);
        return set;
    }

    protected void corruptRegistry() {
        PlatformGodFixture.write(root(), "var/registry/agents/alpha.yaml", "name: alpha\ntools: [search\n  : : broken\n");
    }

    public static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
