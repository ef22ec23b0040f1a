package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TamperedSets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each recovery runbook through the REST API alone, its user tasks completed through /api/tasks. */
class RunbooksOverApiTest extends ServiceTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void serverLossRebuildsTheNewServerFromTheNewestSet() throws IOException {
        backup();
        Path newServer = newServer();
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));

        api.complete(api.awaitTask(runId, "provision-server"), "{\"serverProvisioned\":true,\"diskReady\":true}");
        api.complete(api.awaitTask(runId, "install-runtime"), "{\"pythonInstalled\":true,\"dependenciesInstalled\":true}");
        api.complete(api.awaitTask(runId, "clone-repository"), "{\"repositoryCloned\":true}");
        JsonNode confirm = api.get("/api/tasks/" + api.awaitTask(runId, "confirm-config-restore") + "/form").body();
        assertThat(confirm.at("/schema/components/0/text").asText()).contains("This will overwrite .env");
        api.complete(api.awaitTask(runId, "confirm-config-restore"), "{\"overwriteConfig\":true}");
        api.complete(api.awaitTask(runId, "switch-dns"), "{\"dnsUpdated\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        for (String dataSet : new String[] {"registry", "state", "artifacts", "audit"}) {
            assertThat(PlatformGodFixture.hashes(newServer.resolve("var/" + dataSet)))
                    .as(dataSet).isEqualTo(PlatformGodFixture.hashes(root().resolve("var/" + dataSet)));
        }
        assertThat(newServer.resolve(".env")).hasSameBinaryContentAs(root().resolve(".env"));
        assertThat(run.get("completedSteps").findValuesAsText("step")).contains("restore-data-set", "verify-data-set",
                "restore-config", "check-health", "check-public-health", "finish-run");
        assertThat(run.get("completedSteps").get(0).has("rtoShare")).isTrue();
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void serverLossPastTheRpoAsksForConfirmationAndStopsWhenRefused() throws IOException {
        age(backup(), Duration.ofDays(3));
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + HOME.resolve("never") + "\""));

        String confirm = api.awaitTask(runId, "confirm-data-loss");
        assertThat(api.get("/api/tasks/" + confirm + "/form").body().at("/data/rpoCheck").asText()).contains("OUTSIDE");
        api.complete(confirm, "{\"confirmed\":false,\"dataLossReason\":\"wait for a newer set\"}");

        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("ABORTED");
        assertThat(outcomeEvent(runId).at("/detail/rpoCheck").asText()).as("why: the window refused").contains("OUTSIDE");
        assertThat(HOME.resolve("never/var")).doesNotExist();
    }

    @Test
    void decliningTheConfigurationKeepsThePresentFiles() throws IOException {
        backup();
        Path newServer = newServer();
        // started on an empty root (one holding data needs overwriteNonEmptyRoot and an approval: ServerLossOnALiveRootTest)
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));
        PlatformGodFixture.write(newServer, ".env", "PGOD_API_KEY=the-new-servers-own\n"); // written while it is provisioned
        api.completeServerLossTasks(runId, "switch-dns", false);
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(Files.readString(newServer.resolve(".env"))).isEqualTo("PGOD_API_KEY=the-new-servers-own\n");
    }

    @Test
    void aChecklistItemLeftUntickedIsRefused() {
        backup();
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer() + "\""));
        String task = api.awaitTask(runId, "provision-server");
        Api.Response refused = api.post("/api/tasks/" + task + "/complete", "{\"variables\":{\"serverProvisioned\":true}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/fields/diskReady").asText()).isEqualTo("is required");
    }

    @Test
    void aDrillLeavesTheLiveTreeByteIdenticalAndItsReportBehind() {
        backup();
        corruptRegistry(); // a drill recovers a copy of this, never the live tree
        Map<String, String> before = beforeADrill();

        String runId = api.start(start("registry-corruption", "\"drill\":true"));
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertTheDrillLeftNoTrace(runId, before);
        JsonNode report = api.report(runId);
        assertThat(report.get("drill").asBoolean()).isTrue();
        assertThat(report.get("rtoMet").asBoolean()).isTrue();
        assertThat(report.get("steps").findValuesAsText("step")).contains("restore-registry", "verify-recovery");
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void auditLogLossRestoresFindsTheGapAndMergesTheMissingRecordsBack() throws IOException {
        backup();
        Path external = HOME.resolve("external-audit");
        PlatformGodFixture.write(external, "2025-01-20.jsonl", "{\"event\":\"start\"}\n{\"event\":\"stop\"}\n"
                + "{\"event\":\"agent.run\",\"ts\":\"2025-01-20T10:00:00Z\"}\n"
                + "not json, but a record all the same\n"
                + "{\"event\":\"agent.run\",\"ts\":\"2025-01-20T10:05:00Z\"}\n");
        deleteTree(root().resolve("var/audit"));

        String runId = api.start(start("audit-log-loss", ""));
        String document = api.awaitTask(runId, "document-gap");
        JsonNode form = api.get("/api/tasks/" + document + "/form").body();
        assertThat(form.at("/data/missingRecords").asInt()).isEqualTo(3);
        assertThat(form.at("/data/gapRanges/0/first").asText()).isEqualTo("2025-01-20T10:00:00Z");
        assertThat(form.at("/data/gapRanges/0/last").asText()).isEqualTo("2025-01-20T10:05:00Z");
        api.complete(document, "{\"account\":\"disk failure at 10:07; records after the backup came from the forwarder\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        String merged;
        try (Stream<Path> files = Files.list(root().resolve("var/audit"))) {
            Path recovered = files.filter(p -> p.getFileName().toString().startsWith("recovered-")).findFirst().orElseThrow();
            merged = Files.readString(recovered);
        }
        assertThat(merged).contains("10:00:00Z").contains("not json, but a record all the same").contains("10:05:00Z")
                .doesNotContain("\"start\"");
        JsonNode trail = api.get("/api/runs/" + runId + "/audit").body();
        assertThat(trail.findValuesAsText("type")).contains("audit-gap.documented", "audit-records.merged");
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void selectiveRestoreAsksForTheDataSetsWhenNoneWereGiven() {
        backup();
        Map<String, String> state = PlatformGodFixture.hashes(root().resolve("var/state"));
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"overwritten\"}\n");
        Map<String, String> registry = PlatformGodFixture.hashes(registry());

        String runId = api.start(start("restore", ""));
        api.complete(api.awaitTask(runId, "choose-data-sets"), "{\"dataSets\":[\"state\"]}");
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(PlatformGodFixture.hashes(root().resolve("var/state"))).isEqualTo(state);
        assertThat(PlatformGodFixture.hashes(registry())).isEqualTo(registry);
        assertThat(root().resolve("var").toFile().list()).anyMatch(name -> name.startsWith("state.replaced."));
    }

    @Test
    void anUnhealthyNewServerFailsVerificationAfterItsDataWasRestored() throws IOException {
        backup();
        targetProperties.setHealthUrl("http://127.0.0.1:1/health/status"); // nothing listens there
        targetProperties.setHealthTimeout(Duration.ofMillis(300));
        Path newServer = newServer();
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));
        api.completeServerLossTasks(runId, "confirm-config-restore", false);
        JsonNode run = api.awaitEnd(runId);
        assertThat(run.get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");
        assertThat(newServer.resolve("var/registry")).isDirectory();
        assertThat(api.get("/api/runs/" + runId + "/audit").raw()).contains("127.0.0.1:1");
    }

    @Test
    void aRejectedSelectiveRestoreChangesNothing() {
        backup();
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"kept\"}\n");
        Map<String, String> state = PlatformGodFixture.hashes(root().resolve("var/state"));
        String runId = api.start(start("restore", "\"dataSets\":[\"state\"]"));
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":false,\"reason\":\"not this one\"}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(PlatformGodFixture.hashes(root().resolve("var/state"))).isEqualTo(state);
    }

    @Test
    void aRejectedMergeLeavesTheGapDocumentedOnly() throws IOException {
        backup();
        PlatformGodFixture.write(HOME.resolve("external-audit"), "a.jsonl", "{\"ts\":\"2025-01-20T11:00:00Z\"}\n");
        String runId = api.start(start("audit-log-loss", ""));
        api.complete(api.awaitTask(runId, "document-gap"), "{\"account\":\"one record after the backup\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":false}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("GAP_DOCUMENTED");
        assertThat(root().resolve("var/audit").toFile().list()).noneMatch(name -> name.startsWith("recovered-"));
    }

    @Test
    void startFieldsOfTheWrongShapeAreRefused() {
        assertThat(api.post("/api/runs", start("restore", "\"dataSets\":[\"registry\",\"bogus\"]")).body().get("message").asText())
                .contains("bogus");
        assertThat(api.post("/api/runs", start("restore", "\"drill\":\"yes\"")).status()).isEqualTo(400);
        assertThat(api.post("/api/runs", start("server-loss", "\"targetRoot\":\"relative/path\"")).body().get("message").asText())
                .contains("absolute");
        assertThat(api.post("/api/runs", start("restore", "\"backupSet\":\"20990101_000000\"")).body().get("message").asText())
                .contains("20990101_000000");
    }

    @Test
    void serverLossPastTheRpoGoesOnOnceTheCommanderAcceptsTheDataLossWindow() throws IOException {
        BackupSet old = backup();
        age(old, Duration.ofDays(3));
        Path newServer = newServer();
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));

        String confirm = api.awaitTask(runId, "confirm-data-loss");
        JsonNode window = api.get("/api/tasks/" + confirm + "/form").body().get("data");
        assertThat(window.get("backupSetId").asText()).isEqualTo(old.id());
        assertThat(window.get("rpoCheck").asText()).contains("OUTSIDE").contains("3 days");
        api.complete(confirm, "{\"confirmed\":true,\"dataLossReason\":\"three days lost beats no server\"}");
        api.completeServerLossTasks(runId, "switch-dns", true);
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(PlatformGodFixture.hashes(newServer.resolve("var/state"))).isEqualTo(PlatformGodFixture.hashes(root().resolve("var/state")));
        assertThat(api.get("/api/runs/" + runId + "/audit").body()).anySatisfy(event -> {
            assertThat(event.get("type").asText()).isEqualTo("task.completed");
            assertThat(event.at("/detail/formId").asText()).isEqualTo("confirm-data-loss");
            assertThat(event.at("/detail/values/dataLossReason").asText()).isEqualTo("three days lost beats no server");
        });
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void serverLossWithoutAnyUsableSetStopsBeforeTheNewServerIsTouched() {
        BackupSet corrupt = backup();
        TamperedSets.flipByte(corrupt.archive("state"));
        Path newServer = newServer();
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));

        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("NO_USABLE_BACKUP");
        assertThat(run.get("completedSteps").findValuesAsText("step")).doesNotContain("provision-server", "restore-data-set");
        assertThat(outcomeEvent(runId).at("/detail/skippedSummary").asText()).contains(corrupt.id()).contains("state.tar.gz");
        assertThat(newServer).doesNotExist();
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void aDataSetThatDiffersFromItsSetAfterTheRestoreFailsVerification() throws InterruptedException {
        backup();
        Path newServer = newServer();
        // the new server's own service already runs, and writes into var/state as soon as there is one
        Path written = newServer.resolve("var/state/written-by-the-running-service.json");
        AtomicBoolean stop = new AtomicBoolean();
        Thread service = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Files.writeString(written, "{\"run\":99}\n");
                } catch (IOException noStateYet) {
                    // var/state is not restored yet
                }
                LockSupport.parkNanos(200_000);
            }
        }, "service-on-the-new-server");
        service.start();
        try {
            String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\""));
            api.completeServerLossTasks(runId, "clone-repository", true);
            JsonNode run = api.awaitEnd(runId);

            assertThat(run.get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");
            assertThat(run.get("completedSteps").findValuesAsText("step")).doesNotContain("restore-config", "check-health");
            assertThat(outcomeEvent(runId).at("/detail/verificationProblems").toString())
                    .contains("state differs from set").contains("1 extra, 0 missing");
            assertThat(newServer.resolve(".env")).doesNotExist();
            assertThat(api.chainIntact(runId)).isTrue();
        } finally {
            stop.set(true);
            service.join();
        }
    }

    @Test
    void aNewServerUsersCannotReachFailsTheFinalHealthCheck() {
        backup();
        targetProperties.setPublicHealthUrl("http://127.0.0.1:1/public/health"); // nothing listens there
        targetProperties.setHealthTimeout(Duration.ofMillis(300));
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer() + "\""));
        api.completeServerLossTasks(runId, "switch-dns", false);
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");
        assertThat(run.get("completedSteps").findValuesAsText("step")).contains("check-health", "switch-dns")
                .doesNotContain("check-public-health");
        assertThat(outcomeEvent(runId).at("/detail/verificationProblems").toString()).contains("127.0.0.1:1/public/health");
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void movingTheEngineClockPastTheServerLossRtoMarksTheRunBreachedAndItStillRecovers() {
        backup();
        String runId = api.start(start("server-loss", "\"targetRoot\":\"" + newServer() + "\""));
        api.awaitTask(runId, "provision-server");

        engine.advanceClock(Duration.ofMinutes(200)); // past the warning share (80 % of PT4H)
        eventually("the RTO warning", () -> auditTypes(runId).contains("rto.warning"));
        assertThat(auditTypes(runId)).doesNotContain("rto.breached");
        engine.advanceClock(Duration.ofMinutes(45));
        eventually("the RTO breach", () -> api.get("/api/runs/" + runId).body().get("rtoBreached").asBoolean());
        assertThat(api.get("/api/runs/" + runId).body().get("state").asText()).isEqualTo("ACTIVE");

        api.completeServerLossTasks(runId, "switch-dns", false);
        JsonNode run = api.awaitEnd(runId);
        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(run.get("rtoBreached").asBoolean()).isTrue();
        assertThat(api.report(runId).get("rtoMet").asBoolean()).isFalse();
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void aServerLossDrillLeavesTheLiveTreeByteIdenticalAndNoScratchCopyBehind() {
        backup();
        PlatformGodFixture.write(root(), "var/state/run-003.json", "{\"run\":3}\n"); // the drill's restore removes it from its copy
        Map<String, String> before = beforeADrill();

        String runId = api.start(start("server-loss", "\"drill\":true"));
        api.completeServerLossTasks(runId, "switch-dns", true);
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertTheDrillLeftNoTrace(runId, before);
        assertThat(restoredInto(runId)).hasSize(5).allMatch(live -> live.startsWith(HOME.resolve("drills").resolve(runId).toString()));
        JsonNode report = api.report(runId);
        assertThat(report.get("drill").asBoolean()).isTrue();
        assertThat(report.get("steps").findValuesAsText("step")).contains("verify-data-set", "restore-config");
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void anEmptyExternalCopyLeavesTheGapDocumentedWithNothingToMerge() throws IOException {
        backup();
        Map<String, String> audit = PlatformGodFixture.hashes(root().resolve("var/audit"));
        Files.createDirectories(HOME.resolve("external-audit")); // configured, but nothing was ever forwarded
        deleteTree(root().resolve("var/audit"));

        String runId = api.start(start("audit-log-loss", ""));
        JsonNode form = documentGap(runId);

        assertThat(form.get("missingRecords").asInt()).isZero();
        assertThat(form.get("gapSummary").asText()).contains("holds no records");
        assertThat(gapDocumentedWithoutMerge(runId)).isEqualTo("GAP_DOCUMENTED");
        assertThat(PlatformGodFixture.hashes(root().resolve("var/audit"))).isEqualTo(audit);
    }

    @Test
    void withoutAnExternalSourceConfiguredTheGapIsReportedAsUnmeasurable() {
        StepHandler detect = new AuditGapSteps().detectAuditGap(new RunTargets(target), "");
        Map<String, Object> gap = detect.execute(new StepContext("run-1", "audit-log-loss", "detect-audit-gap",
                "detect-audit-gap", "job-1", 3, Map.of(RunTargets.TARGET_ROOT, root().toString())));

        assertThat(gap).containsEntry("missingRecords", 0).containsEntry("mergeAvailable", false);
        assertThat(gap.get("gapSummary").toString()).contains("no external copy is configured");
    }

    @Test
    void anExternalCopyHoldingNothingMissingLeavesNothingToMerge() throws IOException {
        backup();
        Files.copy(root().resolve("var/audit/2025-01-20.jsonl"), Files.createDirectories(HOME.resolve("external-audit"))
                .resolve("2025-01-20.jsonl"));
        deleteTree(root().resolve("var/audit"));

        String runId = api.start(start("audit-log-loss", ""));
        JsonNode form = documentGap(runId);

        assertThat(form.get("missingRecords").asInt()).isZero();
        assertThat(form.get("gapSummary").asText()).startsWith("none");
        assertThat(gapDocumentedWithoutMerge(runId)).isEqualTo("GAP_DOCUMENTED");
        assertThat(root().resolve("var/audit").toFile().list()).containsExactly("2025-01-20.jsonl");
    }

    @Test
    void withoutAUsableBackupTheExternalCopyIsAllThereIsToMergeBack() throws IOException {
        BackupSet corrupt = backup();
        TamperedSets.flipByte(corrupt.archive("audit"));
        PlatformGodFixture.write(HOME.resolve("external-audit"), "2025-01-20.jsonl",
                "{\"event\":\"start\",\"ts\":\"2025-01-20T09:00:00Z\"}\n{\"event\":\"stop\",\"ts\":\"2025-01-20T09:30:00Z\"}\n");
        deleteTree(root().resolve("var/audit"));

        String runId = api.start(start("audit-log-loss", ""));
        JsonNode form = documentGap(runId);
        assertThat(form.get("missingRecords").asInt()).isEqualTo(2);
        assertThat(form.get("gapSummary").asText()).contains("no usable backup").contains(corrupt.id());
        api.complete(api.awaitTask(runId, "document-gap"), "{\"account\":\"no backup; the forwarder had everything\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(run.get("completedSteps").findValuesAsText("step")).doesNotContain("restore-audit");
        assertThat(root().resolve("var/audit/recovered-" + runId + ".jsonl"))
                .hasSameTextualContentAs(HOME.resolve("external-audit/2025-01-20.jsonl"));
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void anAuditLogLossDrillMergesIntoItsCopyAndLeavesTheLiveTreeUntouched() {
        backup();
        PlatformGodFixture.write(HOME.resolve("external-audit"), "2025-01-20.jsonl", "{\"event\":\"start\"}\n{\"event\":\"stop\"}\n"
                + "{\"event\":\"agent.run\",\"ts\":\"2025-01-20T10:00:00Z\"}\n");
        Map<String, String> before = beforeADrill();

        String runId = api.start(start("audit-log-loss", "\"drill\":true"));
        assertThat(documentGap(runId).get("missingRecords").asInt()).isEqualTo(1);
        api.complete(api.awaitTask(runId, "document-gap"), "{\"account\":\"weekly drill\"}");
        api.complete(api.awaitTask(runId, "approve-merge"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertTheDrillLeftNoTrace(runId, before);
        assertThat(restoredInto(runId)).singleElement().asString().startsWith(HOME.resolve("drills").resolve(runId).toString());
        assertThat(api.event(runId, "audit-records.merged").at("/detail/file").asText())
                .startsWith(HOME.resolve("drills").resolve(runId).toString());
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void aSelectiveRestoreUsesTheSetNamedAtStart() {
        BackupSet older = backup();
        Map<String, String> olderState = PlatformGodFixture.hashes(root().resolve("var/state"));
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"rerun\"}\n");
        BackupSet newer = backup();
        assertThat(newer.id()).isNotEqualTo(older.id());
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"broken\"}\n");

        String runId = api.start(start("restore", "\"dataSets\":[\"state\"],\"backupSet\":\"" + older.id() + "\""));
        String approval = api.awaitTask(runId, "approve-restore");
        assertThat(api.get("/api/tasks/" + approval + "/form").body().at("/data/backupSetId").asText()).isEqualTo(older.id());
        api.complete(approval, "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(PlatformGodFixture.hashes(root().resolve("var/state"))).isEqualTo(olderState);
        assertThat(api.event(runId, "data-sets.restored").at("/detail/backupSetId").asText()).isEqualTo(older.id());
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void aSelectiveRestoreThatDoesNotVerifyKeepsWhatItReplaced() {
        backup();
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"overwritten\"}\n");
        Map<String, String> replaced = PlatformGodFixture.hashes(root().resolve("var/state"));
        targetProperties.setVerifyCommand("echo 'pgod status: 2 runs unreadable' >&2; exit 3");

        String runId = api.start(start("restore", "\"dataSets\":[\"state\"]"));
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");
        assertThat(outcomeEvent(runId).at("/detail/verificationProblems").toString()).contains("exited 3").contains("2 runs unreadable");
        Path kept = root().resolve("var").resolve(single(root().resolve("var"), "state.replaced."));
        assertThat(PlatformGodFixture.hashes(kept)).isEqualTo(replaced);
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void aSelectiveRestoreWithoutAnySetChangesNothingAndAsksNoOne() {
        Map<String, String> state = PlatformGodFixture.hashes(root().resolve("var/state"));

        String runId = api.start(start("restore", "\"dataSets\":[\"state\"]"));
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("NO_USABLE_BACKUP");
        assertThat(run.get("completedSteps").findValuesAsText("step")).doesNotContain("approve-restore");
        assertThat(outcomeEvent(runId).at("/detail/skippedSummary").asText()).isEqualTo("there is no backup set to choose from");
        assertThat(PlatformGodFixture.hashes(root().resolve("var/state"))).isEqualTo(state);
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void aSelectiveRestoreDrillLeavesTheLiveTreeUntouched() {
        backup();
        PlatformGodFixture.write(root(), "var/state/run-001.json", "{\"run\":1,\"status\":\"overwritten\"}\n");
        Map<String, String> before = beforeADrill();

        String runId = api.start(start("restore", "\"dataSets\":[\"state\"],\"drill\":true"));
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("outcome").asText()).isEqualTo("RECOVERED");
        assertTheDrillLeftNoTrace(runId, before);
        assertThat(restoredInto(runId)).singleElement().asString().startsWith(HOME.resolve("drills").resolve(runId).toString());
        assertThat(api.chainIntact(runId)).isTrue();
    }

    /** The live tree's hashes before a drill; the service commands, were a drill to run them, would write services.log. */
    private Map<String, String> beforeADrill() {
        targetProperties.setStopCommand("echo stop >> " + HOME.resolve("services.log"));
        targetProperties.setStartCommand("echo start >> " + HOME.resolve("services.log"));
        return PlatformGodFixture.hashes(root());
    }

    /** The live tree as it was, the real services never stopped or started, and the scratch copy gone. */
    private void assertTheDrillLeftNoTrace(String runId, Map<String, String> before) {
        assertThat(PlatformGodFixture.hashes(root())).isEqualTo(before);
        assertThat(HOME.resolve("services.log")).doesNotExist();
        assertThat(HOME.resolve("drills").resolve(runId)).doesNotExist();
    }

    /** The document-gap form's data, once the run asks for it. */
    private JsonNode documentGap(String runId) {
        return api.get("/api/tasks/" + api.awaitTask(runId, "document-gap") + "/form").body().get("data");
    }

    /** Documents the gap; the run must then end without offering a merge. Returns its outcome. */
    private String gapDocumentedWithoutMerge(String runId) {
        api.complete(api.awaitTask(runId, "document-gap"), "{\"account\":\"nothing was forwarded after the backup\"}");
        JsonNode run = api.awaitEnd(runId);
        assertThat(run.get("completedSteps").findValuesAsText("step")).contains("record-gap-account").doesNotContain("approve-merge");
        assertThat(auditTypes(runId)).contains("audit-gap.documented");
        assertThat(api.chainIntact(runId)).isTrue();
        return run.get("outcome").asText();
    }

    private List<String> auditTypes(String runId) {
        return api.get("/api/runs/" + runId + "/audit").body().findValuesAsText("type");
    }

    private JsonNode outcomeEvent(String runId) {
        return api.event(runId, "run.outcome");
    }

    /** The live directory (or root) of every data set the run restored. */
    private List<String> restoredInto(String runId) {
        List<String> live = new ArrayList<>();
        for (JsonNode event : api.get("/api/runs/" + runId + "/audit").body()) {
            String type = event.get("type").asText();
            if (type.equals("data-set.restored") || type.equals("data-sets.restored")) {
                live.addAll(event.get("detail").findValuesAsText("live"));
            }
        }
        return live;
    }

    private static Path newServer() {
        return HOME.resolve("new-server-" + System.nanoTime());
    }

    private static String single(Path directory, String prefix) {
        String[] found = directory.toFile().list((dir, name) -> name.startsWith(prefix));
        assertThat(found).hasSize(1);
        return found[0];
    }

    private static String start(String runbook, String fields) {
        return "{\"runbook\":\"" + runbook + "\",\"reason\":\"test\",\"startedBy\":\"ic-1\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** Makes a set look older, as the manifest is what the catalogue reads its time from. */
    static void age(BackupSet set, Duration by) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path manifest = set.directory().resolve("manifest.json");
        ObjectNode tree = (ObjectNode) json.readTree(manifest.toFile());
        tree.put("createdAt", Instant.parse(tree.get("createdAt").asText()).minus(by).toString());
        json.writeValue(manifest.toFile(), tree);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
