package io.drrunbooks.notify;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TamperedSets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of spec 7 that raise notifications, each seen by the real webhook of its first contact,
 * and each problem notified once however often a check sees it again.
 */
class IncidentsTest extends ServiceTest {

    static final WebhookReceiver HOOK = new WebhookReceiver();

    @DynamicPropertySource
    static void contacts(DynamicPropertyRegistry registry) {
        registry.add("dr.contacts.dba-team.webhook[0]", HOOK::url);
        registry.add("dr.contacts.storage-admin.webhook[0]", HOOK::url);
        registry.add("dr.contacts.security-team.webhook[0]", HOOK::url);
        registry.add("dr.notification.backoff", () -> "PT0.1S");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    Notifications notifications;
    @Autowired
    AuditChainWatch watch;
    Api api;

    @BeforeEach
    void clean() {
        api = new Api(port);
        HOOK.clear();
        // set ids are times to the second: an earlier test's set may have had this one's id, and its problem
        new JdbcTemplate(dataSource).update("DELETE FROM dr_notification_problem");
    }

    @AfterAll
    static void stopReceiver() {
        HOOK.close();
    }

    @Test
    void aSetThatFailsVerificationIsDataCorruptionOnceAndEachFailedVerificationRunABackupFailure() {
        BackupSet set = backup();
        TamperedSets.flipByte(set.archive("state"));

        String first = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\"}");
        assertThat(api.awaitEnd(first).get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");
        String second = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"again\"}");
        assertThat(api.awaitEnd(second).get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");

        eventually("both runs' backup failures", () -> hooks("backup-failure").size() == 2);
        assertThat(hooks("backup-failure")).extracting(h -> (String) h.get("subject"))
                .anyMatch(s -> s.startsWith("verification run " + first + " failed")).anyMatch(s -> s.contains(second));
        assertThat(hooks("backup-failure")).allMatch(h -> h.get("contact").equals("storage-admin"));
        List<Map<String, Object>> corruption = hooks("data-corruption");
        assertThat(corruption).hasSize(1); // two runs saw the same damaged set: one problem
        assertThat(raised("data-corruption", set.id() + ", archive state.tar.gz")).hasSize(1);
        assertThat((String) corruption.get(0).get("subject")).contains(set.id()).contains("state.tar.gz");
        assertThat(corruption.get(0)).containsEntry("contact", "dba-team").containsEntry("level", 0);
        assertThat(hooks("security-incident")).isEmpty();
    }

    @Test
    void aHostileArchiveIsASecurityIncidentNotDataCorruption() {
        BackupSet set = backup();
        TamperedSets.replaceArchive(set.directory(), "registry", List.of(TamperedSets.directory("var/registry/"),
                TamperedSets.file("var/registry/../../etc/cron.d/evil", "* * * * * root sh\n")));

        String run = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\"}");
        assertThat(api.awaitEnd(run).get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");

        eventually("the security incident", () -> hooks("security-incident").size() == 1);
        Map<String, Object> hook = hooks("security-incident").get(0);
        assertThat((String) hook.get("subject")).startsWith("hostile archive refused").contains(set.id())
                .contains("etc/cron.d/evil");
        assertThat(hook).containsEntry("contact", "security-team");
        assertThat(hooks("data-corruption")).isEmpty();
    }

    @Test
    void aBackupRunThatCannotWriteItsSetIsABackupFailure() throws Exception {
        Files.createDirectories(HOME);
        Files.writeString(HOME.resolve("backups"), "a file where the backup root should be\n");

        String run = api.start("{\"runbook\":\"backup\",\"reason\":\"nightly\"}");

        assertThat(api.awaitEnd(run).get("outcome").asText()).isEqualTo("BACKUP_FAILED");
        eventually("the backup failure, once the step's retries are spent", () -> hooks("backup-failure").size() == 1);
        assertThat((String) hooks("backup-failure").get(0).get("subject"))
                .startsWith("backup run " + run + " failed at step write-daily-backup");
        assertThat(api.get("/api/runs/" + run + "/audit").body().findValuesAsText("type")).contains("notification.raised");
        Files.delete(HOME.resolve("backups"));
    }

    @Test
    void backupsOlderThanTheRpoAreABackupFailureOncePerNewestVerifiedSet() {
        BackupSet set = verifiedBackup();
        TamperedSets.editManifest(set.directory(), manifest -> manifest.put("createdAt",
                Instant.now().minus(3, ChronoUnit.DAYS).toString()));

        for (int check = 0; check < 3; check++) {
            assertThat(api.get("/actuator/health").body().at("/components/backups/status").asText()).isEqualTo("DEGRADED");
        }

        eventually("the RPO notification", () -> hooks("backup-failure").size() == 1);
        assertThat((String) hooks("backup-failure").get(0).get("subject")).contains("older than the RPO").contains(set.id());
        assertThat(raised("backup-failure", "no verified set since " + set.id())).hasSize(1);
    }

    @Test
    void anAuditChainThatDoesNotVerifyIsASecurityIncidentOncePerBrokenLinkRaisedByTheScheduledCheckNotByReading() {
        backup();
        String run = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\"}");
        api.awaitEnd(run);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String actor = jdbc.queryForObject("SELECT actor FROM dr_audit_event WHERE run_id = ? AND seq = 1", String.class, run);
        jdbc.update("UPDATE dr_audit_event SET actor = 'mallory' WHERE run_id = ? AND seq = 1", run);
        try {
            String about = "audit trail of run " + run;
            assertThat(api.get("/api/audit/verify").body().get("intact").asBoolean()).isFalse();
            assertThat(api.chainIntact(run)).isFalse();
            assertThat(raised("security-incident", about)).as("the GETs only read").isEmpty();

            assertThat(watch.check()).extracting(c -> c.runId()).contains(run);
            watch.check();
            eventually("the security incident", () -> hooks("security-incident").stream()
                    .anyMatch(h -> h.get("subject").toString().contains(about)));
            assertThat(raised("security-incident", about)).hasSize(1).allMatch(n -> n.subject().contains("from event 1"));
        } finally {
            // the service tests share a database; every later check of all chains would find this one broken
            jdbc.update("UPDATE dr_audit_event SET actor = ? WHERE run_id = ? AND seq = 1", actor, run);
        }
    }

    /** Raising is synchronous in the check: a second notification would be listed by now. */
    private List<Notifications.Notification> raised(String issueType, String about) {
        return notifications.list().stream().filter(n -> n.issueType().equals(issueType) && n.subject().contains(about))
                .toList();
    }

    private static List<Map<String, Object>> hooks(String issueType) {
        return HOOK.received().stream().filter(hook -> issueType.equals(hook.get("issueType"))).toList();
    }
}
