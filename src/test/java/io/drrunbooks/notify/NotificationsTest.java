package io.drrunbooks.notify;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.engine.embedded.EmbeddedEngine;
import io.drrunbooks.notify.Notifications.Notification;
import io.drrunbooks.runbook.RunService;
import io.drrunbooks.runbook.StartRequest;
import io.drrunbooks.target.Target;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.TestUsers;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications and escalation on the whole service with real channels: webhooks to an HTTP server
 * on 127.0.0.1, e-mail to an in-process SMTP server (GreenMail); levels escalate by moving the
 * engine clock. Its own home and database: its contacts differ from every other test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsTest {

    static final Path HOME = home();
    static final WebhookReceiver HOOK = new WebhookReceiver();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dr.home", HOME::toString);
        registry.add("dr.target.root", () -> HOME.resolve("target").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + HOME.resolve("db/dr") + ";AUTO_SERVER=TRUE");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("dr.contacts.dba-team.email[0]", () -> "dba@example.com");
        registry.add("dr.contacts.dba-team.webhook[0]", HOOK::url);
        registry.add("dr.contacts.cto.email[0]", () -> "cto@example.com");
        registry.add("dr.notification.backoff", () -> "PT0.1S");
        registry.add("dr.notification.attempts", () -> "3");
        TestUsers.configure(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;
    @Autowired
    Notifications notifications;
    @Autowired
    AuditTrail audit;
    @Autowired
    EmbeddedEngine engine;
    @Autowired
    Target target;
    @Autowired
    BackupSets backups;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void clean() throws Exception {
        HOOK.clear();
        SMTP.purgeEmailFromAllMailboxes();
    }

    /** An open notification would escalate when a later test moves the clock. */
    @AfterEach
    void closeAndRealClock() {
        notifications.list().stream().filter(Notification::open).forEach(n -> notifications.acknowledge(n.notificationId(), "test"));
        engine.resetClock();
    }

    @AfterAll
    static void stopReceiver() {
        HOOK.close();
    }

    @Test
    void registryCorruptionNotifiesTheDbaTeamEscalatesToTheCtoAndStopsOnAcknowledgement() throws Exception {
        PlatformGodFixture.create(HOME.resolve("target"));
        backups.write(target.layout(), target.layout().dailyDataSets());
        PlatformGodFixture.write(HOME.resolve("target"), "var/registry/agents/alpha.yaml", "tools: [broken\n");
        String runId = runs.start(new StartRequest("registry-corruption", "agent listing fails", "ic-1", Map.of()));

        eventually(() -> notifications.list().stream().anyMatch(n -> runId.equals(n.sourceRunId())));
        String id = notifications.list().stream().filter(n -> runId.equals(n.sourceRunId())).findFirst().orElseThrow()
                .notificationId();
        eventually(() -> hooksAbout(id).size() == 1 && mailAbout(id, "dba@example.com").size() == 1);
        Map<String, Object> hook = hooksAbout(id).get(0);
        assertThat(hook).containsEntry("issueType", "data-corruption").containsEntry("contact", "dba-team")
                .containsEntry("level", 0).containsEntry("contentType", "application/json");
        assertThat((String) hook.get("text")).contains("[data-corruption]").contains(runId).contains("/ack");
        assertThat(mailAbout(id, "dba@example.com").get(0).getSubject()).startsWith("[data-corruption]");
        assertThat(notifications.find(id).orElseThrow()).satisfies(n -> {
            assertThat(n.open()).isTrue();
            assertThat(n.level()).isZero();
            assertThat(n.sourceRunId()).isEqualTo(runId);
        });
        assertThat(mailAbout(id, "cto@example.com")).isEmpty();
        awaitLevelTimer(id);

        engine.advanceClock(Duration.ofMinutes(16)); // past levels[0].after, PT15M: nobody acknowledged
        eventually(() -> mailAbout(id, "cto@example.com").size() == 1);
        assertThat(notifications.find(id).orElseThrow().level()).isEqualTo(1);
        assertThat(notifications.find(id).orElseThrow().contacts()).containsExactly("cto");

        // the signed-in user acknowledges: an actor in the body is a claim nobody checked
        assertThat(post("/api/notifications/" + id + "/ack", "{\"actor\":\"someone-else\"}").statusCode()).isEqualTo(200);
        Notification closed = notifications.find(id).orElseThrow();
        assertThat(closed.open()).isFalse();
        assertThat(closed.acknowledgedBy()).isEqualTo(TestUsers.COMMANDER);
        assertThat(closed.level()).isEqualTo(1);

        assertThat(types(id)).containsSubsequence("notification.raised", "notification.sent", "notification.escalated",
                "notification.sent", "notification.acknowledged");
        assertThat(types(id)).contains("notification.delivered", "step.completed");
        // the level's sub-process threw the next-level escalation; its boundary event led to this step
        assertThat(audit.events(id)).filteredOn(e -> e.type().equals("notification.escalated")).singleElement()
                .satisfies(e -> assertThat(e.step()).isEqualTo("escalate-level"))
                .satisfies(e -> assertThat(e.detail()).containsEntry("from", 0).containsEntry("to", 1)
                        .containsEntry("unacknowledgedFor", "PT15M"));
        assertThat(audit.check(id).intact()).isTrue();
        assertThat(types(runId)).contains("notification.raised", "notification.acknowledged");
        assertThat(audit.check(runId).intact()).isTrue();
        assertThat(runs.runs(Integer.MAX_VALUE)).extracting(r -> r.runbook()).doesNotContain(Notifications.PROCESS);
        runs.cancel(runId, "notification test done", "test");
    }

    @Test
    void aDrillNotifiesNobodyAndItsTrailSaysWhatItDidNotSend() {
        PlatformGodFixture.create(HOME.resolve("target"));
        backups.write(target.layout(), target.layout().dailyDataSets());
        String drill = runs.start(new StartRequest("registry-corruption", "weekly drill", TestUsers.COMMANDER,
                Map.of("drill", true)));

        assertThat(audit.events(drill)).filteredOn(e -> e.type().equals("notification.suppressed")).singleElement()
                .satisfies(e -> assertThat(e.detail()).containsEntry("issueType", "data-corruption"));
        assertThat(notifications.list()).noneMatch(n -> drill.equals(n.sourceRunId()));
        runs.cancel(drill, "drill over", TestUsers.COMMANDER);
        assertThat(notifications.list()).noneMatch(n -> drill.equals(n.sourceRunId()));
        assertThat(HOOK.received()).noneMatch(hook -> String.valueOf(hook.get("text")).contains(drill));
    }

    @Test
    void aRunsNotificationIsClosedWhenTheRunEndsWithTheOutcomeOnItAndNeverEscalates() throws Exception {
        PlatformGodFixture.create(HOME.resolve("target"));
        backups.write(target.layout(), target.layout().dailyDataSets());
        PlatformGodFixture.write(HOME.resolve("target"), "var/registry/agents/alpha.yaml", "tools: [broken\n");
        String recovered = runs.start(new StartRequest("registry-corruption", "agent listing fails", TestUsers.COMMANDER, Map.of()));
        String recoveredNotice = notificationOf(recovered);
        eventually(() -> !runs.tasks(recovered).isEmpty());
        runs.completeTask(runs.tasks(recovered).get(0).taskId(), Map.of("approved", true), TestUsers.APPROVER);
        eventually(() -> !runs.run(recovered).orElseThrow().state().equals("ACTIVE"));

        String canceled = runs.start(new StartRequest("registry-corruption", "wrong alarm", TestUsers.COMMANDER, Map.of()));
        String canceledNotice = notificationOf(canceled);
        runs.cancel(canceled, "wrong alarm", TestUsers.COMMANDER);

        assertThat(notifications.find(recoveredNotice).orElseThrow()).satisfies(n -> {
            assertThat(n.open()).isFalse();
            assertThat(n.runOutcome()).isEqualTo("RECOVERED");
            assertThat(n.acknowledgedBy()).isEqualTo(Notifications.ACTOR);
        });
        assertThat(notifications.find(canceledNotice).orElseThrow().runOutcome()).isEqualTo("CANCELED");
        // closed before the run's last event: the report, or the cancellation
        assertThat(types(recovered)).containsSubsequence("notification.raised", "notification.closed", "run.report");
        assertThat(types(canceled)).containsSubsequence("notification.raised", "notification.closed", "run.canceled");
        assertThat(types(recoveredNotice)).endsWith("notification.closed");
        engine.advanceClock(Duration.ofMinutes(16)); // past levels[0].after: an open one would page the CTO now
        Thread.sleep(3_000);
        assertThat(mailAbout(recoveredNotice, "cto@example.com")).isEmpty();
        assertThat(mailAbout(canceledNotice, "cto@example.com")).isEmpty();
    }

    private String notificationOf(String runId) {
        eventually(() -> notifications.list().stream().anyMatch(n -> runId.equals(n.sourceRunId())));
        return notifications.list().stream().filter(n -> runId.equals(n.sourceRunId())).findFirst().orElseThrow()
                .notificationId();
    }

    @Test
    void acknowledgingInTimeStopsTheEscalation() throws Exception {
        HttpResponse<String> raised = post("/api/notifications",
                "{\"issueType\":\"data-corruption\",\"subject\":\"a set failed verification\",\"actor\":\"monitor\"}");
        assertThat(raised.statusCode()).isEqualTo(201);
        String id = raised.body().replaceAll(".*\"notificationId\":\"([^\"]+)\".*", "$1");
        eventually(() -> mailAbout(id, "dba@example.com").size() == 1);
        awaitLevelTimer(id);

        assertThat(post("/api/notifications/" + id + "/ack", "").statusCode()).isEqualTo(200);
        engine.advanceClock(Duration.ofHours(2));
        Thread.sleep(3_000); // the job executor's longest sleep: a timer still armed would have fired by now

        assertThat(mailAbout(id, "cto@example.com")).isEmpty();
        assertThat(types(id)).doesNotContain("notification.escalated");
        Notification closed = notifications.find(id).orElseThrow();
        assertThat(closed.level()).isZero();
        assertThat(closed.acknowledgedBy()).isEqualTo(TestUsers.COMMANDER);
        HttpResponse<String> again = post("/api/notifications/" + id + "/ack", "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains(TestUsers.COMMANDER);
    }

    @Test
    void aRefusedWebhookIsRetriedWithBackOffWhileTheOtherChannelsGoOn() {
        HOOK.refuseNext(2);
        String id = notifications.raise("data-corruption", "retry drill", "drill");

        eventually(() -> hooksAbout(id).size() == 1);
        assertThat(HOOK.refused()).isEqualTo(2);
        assertThat(mailAbout(id, "dba@example.com")).hasSize(1);
        List<AuditEvent> failures = audit.events(id).stream()
                .filter(e -> e.type().equals("notification.delivery-failed")).toList();
        assertThat(failures).extracting(e -> e.detail().get("retryIn")).containsExactly("PT0.1S", "PT0.2S");
        assertThat(failures.get(0).detail().get("error").toString()).contains("503");
        eventually(() -> types(id).contains("notification.delivered"));
        assertThat(notifications.find(id).orElseThrow().open()).isTrue();
    }

    @Test
    void theApiListsNotificationsAndRefusesWhatItCannotDo() throws Exception {
        String open = notifications.raise("backup-failure", "nightly backup failed", "cron");
        String past = notifications.raise("security-incident", "hostile archive refused", "restore");
        eventually(() -> notifications.acknowledge(past, "sec-1"));

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri("/api/notifications"))
                        .header("Authorization", TestUsers.basic(TestUsers.COMMANDER)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(open).contains(past).contains("\"level\":0").contains("\"acknowledgedBy\":\"sec-1\"");
        assertThat(list.body().indexOf(open)).isLessThan(list.body().indexOf(past));

        assertThat(post("/api/notifications/nope/ack", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> unknownType = post("/api/notifications", "{\"issueType\":\"meteor\",\"subject\":\"x\"}");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("data-corruption");
        assertThat(post("/api/notifications", "{\"issueType\":\"system-outage\"}").body()).contains("subject");
    }

    @Test
    void theAuditReplicaFollowsTheTargetAndItsLagShowsInHealth() throws Exception {
        PlatformGodFixture.create(HOME.resolve("target"));
        PlatformGodFixture.write(HOME.resolve("target"), "var/audit/live.jsonl", "{\"event\":\"notify-test\"}\n");
        Path replica = HOME.resolve("backups/audit-replica/live.jsonl"); // the default: under the backup root
        eventually(() -> Files.exists(replica) && Files.readString(replica).contains("notify-test"));

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .header("Authorization", TestUsers.basic(TestUsers.AUDITOR)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"auditReplica\"").contains("\"lagBytes\"").contains("\"lagMillis\"");
    }

    private static Path home() {
        try {
            return Files.createTempDirectory("dr-notify-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void eventually(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(condition);
    }

    /** The level's contacts become the run's variables in the transaction that arms the level's timer. */
    private void awaitLevelTimer(String id) {
        eventually(() -> !notifications.find(id).orElseThrow().contacts().isEmpty());
    }

    private List<String> types(String runId) {
        return audit.events(runId).stream().map(AuditEvent::type).toList();
    }

    private static List<Map<String, Object>> hooksAbout(String id) {
        return HOOK.received().stream().filter(hook -> id.equals(hook.get("notificationId"))).toList();
    }

    private static List<MimeMessage> mailAbout(String id, String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))
                        && m.getContent().toString().contains(id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", TestUsers.basic(TestUsers.COMMANDER)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
