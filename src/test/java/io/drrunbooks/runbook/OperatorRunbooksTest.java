package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** backup, verify-backup and prune-backups through the REST API. */
class OperatorRunbooksTest extends ServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    BackupProperties backupProperties;
    @Autowired
    AuditTrail audit;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void aWeeklyBackupHoldsEveryDataSetAndIsVerifiedByItsRun() {
        String runId = api.start("{\"runbook\":\"backup\",\"reason\":\"before the upgrade\",\"startedBy\":\"op\",\"weekly\":true}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("BACKED_UP");

        JsonNode set = api.get("/api/backups").body().get(0);
        assertThat(set.get("dataSets").toString()).contains("cache").contains("config");
        assertThat(set.get("verified").asBoolean()).isTrue();
        assertThat(set.get("verifiedByRun").asText()).isEqualTo(runId);
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void aDailyBackupLeavesTheCacheOut() {
        String runId = api.start("{\"runbook\":\"backup\",\"reason\":\"nightly\",\"startedBy\":\"op\"}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("BACKED_UP");
        assertThat(api.get("/api/backups").body().get(0).get("dataSets").toString()).doesNotContain("cache");
    }

    @Test
    void aSetThatCannotBeWrittenEndsTheRunBackupFailedSayingWhy() throws IOException {
        FileSystemUtils.deleteRecursively(root()); // the target is gone: nothing to back up

        String runId = api.start("{\"runbook\":\"backup\",\"reason\":\"nightly\",\"startedBy\":\"op\"}");
        JsonNode run = api.awaitEnd(runId);

        assertThat(run.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("outcome").asText()).isEqualTo("BACKUP_FAILED");
        JsonNode outcome = null;
        for (JsonNode event : api.get("/api/runs/" + runId + "/audit").body()) {
            if (event.get("type").asText().equals("run.outcome")) {
                outcome = event.get("detail");
            }
        }
        assertThat(outcome).isNotNull();
        assertThat(outcome.get("outcome").asText()).isEqualTo("BACKUP_FAILED");
        assertThat(outcome.get("failureReason").asText()).startsWith("the daily set could not be written: ")
                .contains(root().resolve("var").toString());
        assertThat(api.get("/api/backups").body()).isEmpty();
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void verificationRestoresTheNewestSetIntoScratchAndFailsLoudlyOnACorruptOne() throws IOException {
        BackupSet set = backup();
        String good = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\",\"startedBy\":\"op\"}");
        assertThat(api.awaitEnd(good).get("outcome").asText()).isEqualTo("VERIFIED");
        JsonNode named = api.event(good, "backup.test-restoring", "test-restore-backup");
        assertThat(named.at("/detail/backupSetId").asText()).isEqualTo(set.id()); // before the restore, for prune to see
        assertThat(named.get("seq").asInt()).isLessThan(api.event(good, "step.completed", "test-restore-backup").get("seq").asInt());
        assertThat(api.get("/actuator/health").body().at("/components/backups/status").asText()).isEqualTo("UP");
        assertThat(HOME.resolve("verify-scratch").resolve(good)).doesNotExist();
        assertThat(api.chainIntact(good)).isTrue();

        byte[] state = Files.readAllBytes(set.archive("state"));
        state[state.length / 2] ^= 0x10;
        Files.write(set.archive("state"), state);
        String bad = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\",\"startedBy\":\"op\"}");
        JsonNode run = api.awaitEnd(bad);

        assertThat(run.get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");
        JsonNode health = api.get("/actuator/health").body();
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/backups/details/newestSetVerified").asText()).contains("FAILED").contains("state.tar.gz");
        assertThat(api.get("/api/runs/" + bad + "/audit").body().findValuesAsText("type")).contains("run.outcome");
        assertThat(api.chainIntact(bad)).isTrue();
    }

    @Test
    void verificationOfTheNewestSetPassesOverNewerSetsThatDoNotOpenAndSaysSo() throws IOException {
        BackupSet good = backup();
        BackupSet broken = backup();
        Files.writeString(broken.directory().resolve("manifest.json"), "{");

        String runId = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\",\"startedBy\":\"op\"}");

        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("VERIFIED");
        JsonNode restored = StreamSupport.stream(api.get("/api/runs/" + runId + "/audit").body().spliterator(), false)
                .filter(event -> event.get("type").asText().equals("step.completed")).findFirst().orElseThrow();
        assertThat(restored.get("step").asText()).isEqualTo("test-restore-backup");
        assertThat(restored.at("/detail/output/backupSetId").asText()).isEqualTo(good.id());
        assertThat(restored.at("/detail/output/skippedSummary").asText()).startsWith(broken.id() + ": ").contains("malformed");
        assertThat(api.get("/api/backups").body().get(1).get("verifiedByRun").asText()).isEqualTo(runId);
    }

    @Test
    void pruningKeepsTheLastSetsAndEachDataSetForItsRetentionAndADryRunDeletesNothing() throws IOException {
        List<BackupSet> sets = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sets.add(backup());
        }
        // oldest first: the two oldest fall outside "the last 7 daily sets"
        RunbooksOverApiTest.age(sets.get(0), Duration.ofDays(400));
        RunbooksOverApiTest.age(sets.get(1), Duration.ofDays(40));

        String dry = api.start("{\"runbook\":\"prune-backups\",\"reason\":\"check\",\"startedBy\":\"op\",\"dryRun\":true}");
        JsonNode dryRun = api.awaitEnd(dry);
        assertThat(dryRun.get("outcome").asText()).isEqualTo("DRY_RUN");
        assertThat(Files.list(HOME.resolve("backups")).count()).isEqualTo(9);

        String real = api.start("{\"runbook\":\"prune-backups\",\"reason\":\"daily\",\"startedBy\":\"op\"}");
        assertThat(api.awaitEnd(real).get("outcome").asText()).isEqualTo("PRUNED");

        assertThat(sets.get(0).directory()).as(api.get("/api/runs/" + dry + "/audit").raw()).doesNotExist();
        Path forty = sets.get(1).directory();
        assertThat(forty.resolve("state.tar.gz")).doesNotExist();
        assertThat(forty.resolve("registry.tar.gz")).exists();
        assertThat(PlatformGodFixture.run(forty, "sha256sum", "-c", "SHA256SUMS")).doesNotContain("FAILED");
        assertThat(api.get("/api/backups").body()).hasSize(8);
        for (int i = 2; i < 9; i++) {
            assertThat(sets.get(i).directory().resolve("state.tar.gz")).exists();
        }
        JsonNode trail = api.get("/api/runs/" + real + "/audit").body();
        assertThat(trail.findValuesAsText("type").stream().filter("backup.pruned"::equals)).hasSize(2);
        assertThat(api.chainIntact(dry)).isTrue();
        assertThat(api.chainIntact(real)).isTrue();
    }

    @Test
    void theNewestVerifiedSetIsKeptEvenWhenItsRetentionHasRunOut() throws IOException {
        List<BackupSet> sets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sets.add(backup());
        }
        BackupSet verified = sets.get(0); // the oldest, outside "the last 7 daily sets"
        RunbooksOverApiTest.age(verified, Duration.ofDays(400));
        String verification = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"the old one\",\"startedBy\":\"op\","
                + "\"backupSet\":\"" + verified.id() + "\"}");
        assertThat(api.awaitEnd(verification).get("outcome").asText()).isEqualTo("VERIFIED");
        Map<String, String> kept = PlatformGodFixture.hashes(verified.directory());

        String prune = api.start("{\"runbook\":\"prune-backups\",\"reason\":\"daily\",\"startedBy\":\"op\"}");
        assertThat(api.awaitEnd(prune).get("outcome").asText()).isEqualTo("PRUNED");

        assertThat(PlatformGodFixture.hashes(verified.directory())).isEqualTo(kept);
        assertThat(pruneOutput(prune).get("protectedSets")).extracting(JsonNode::asText).containsExactly(verified.id());
        assertThat(pruneOutput(prune).get("pruneDecisions")).isEmpty();
        assertThat(api.get("/api/runs/" + prune + "/audit").body().findValuesAsText("type")).doesNotContain("backup.pruned");
        assertThat(api.chainIntact(verification)).isTrue();
        assertThat(api.chainIntact(prune)).isTrue();
    }

    @Test
    void theLastFourWeeklySetsAreKeptWholeAndAnOlderOneKeepsItsCacheForSevenDays() throws IOException {
        List<BackupSet> weekly = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            weekly.add(backups.write(target.layout(), target.layout().dataSets()));
        }
        // oldest first; every one is past the cache's 7 days, the oldest past every data set's retention
        RunbooksOverApiTest.age(weekly.get(0), Duration.ofDays(400));
        for (int i = 1; i < 6; i++) {
            RunbooksOverApiTest.age(weekly.get(i), Duration.ofDays(14 - i));
        }

        String runId = api.start("{\"runbook\":\"prune-backups\",\"reason\":\"daily\",\"startedBy\":\"op\"}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("PRUNED");

        assertThat(weekly.get(0).directory()).doesNotExist();
        Path older = weekly.get(1).directory();
        assertThat(older.resolve("cache.tar.gz")).doesNotExist();
        assertThat(older.resolve("state.tar.gz")).exists();
        assertThat(PlatformGodFixture.run(older, "sha256sum", "-c", "SHA256SUMS")).doesNotContain("FAILED");
        for (BackupSet lastFour : weekly.subList(2, 6)) {
            assertThat(lastFour.directory().resolve("cache.tar.gz")).as(lastFour.id()).exists();
        }
        assertThat(pruneOutput(runId).get("pruneDecisions").findValuesAsText("set"))
                .containsExactlyInAnyOrder(weekly.get(0).id(), weekly.get(1).id());
        assertThat(api.chainIntact(runId)).isTrue();
    }

    @Test
    void withEverySchedulePropertyEmptyNoScheduleIsDeployed() {
        assertThat(engine.deployedProcesses()).contains("backup", "verify-backup", "prune-backups")
                .noneMatch(process -> process.startsWith("schedule-"));
    }

    /** What the run's prune step returned, from its audit trail. */
    private JsonNode pruneOutput(String runId) {
        for (JsonNode event : api.get("/api/runs/" + runId + "/audit").body()) {
            if (event.get("type").asText().equals("step.completed") && event.at("/detail/jobType").asText().equals("prune-backups")) {
                return event.at("/detail/output");
            }
        }
        throw new AssertionError("run " + runId + " completed no prune step");
    }

    @Test
    void aCheckOfSomeDataSetsNeverUndoesAFailedVerificationAndOnlyAVerifiedSetCountsTowardTheRpo() throws IOException {
        BackupSet older = backup();
        assertThat(api.awaitEnd(api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\"}")).get("outcome").asText())
                .isEqualTo("VERIFIED");
        RunbooksOverApiTest.age(older, Duration.ofDays(2));
        BackupSet newer = backup();
        byte[] state = Files.readAllBytes(newer.archive("state"));
        state[state.length / 2] ^= 0x10;
        Files.write(newer.archive("state"), state);
        String failed = api.start("{\"runbook\":\"verify-backup\",\"reason\":\"weekly\"}");
        assertThat(api.awaitEnd(failed).get("outcome").asText()).isEqualTo("VERIFICATION_FAILED");

        // a restore of the registry alone checks only the registry of the newest set, which is intact
        String restore = api.start("{\"runbook\":\"restore\",\"reason\":\"registry only\",\"dataSets\":[\"registry\"]}");
        api.awaitTask(restore, "approve-restore");
        assertThat(selectedSet(restore)).isEqualTo(newer.id());

        JsonNode listed = api.get("/api/backups").body().get(0);
        assertThat(listed.get("id").asText()).isEqualTo(newer.id());
        assertThat(listed.get("verified").asBoolean()).isFalse();
        assertThat(listed.get("verifiedByRun").asText()).isEqualTo(failed);
        JsonNode backupsHealth = api.get("/actuator/health").body().at("/components/backups");
        assertThat(backupsHealth.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(backupsHealth.at("/details/newestSetVerified").asText()).contains("FAILED", "state.tar.gz");
        // the RPO counts from the newest set that verified, two days old; the fresh set that failed does not count
        assertThat(backupsHealth.at("/details/newestVerifiedSet").asText()).isEqualTo(older.id());
        assertThat(backupsHealth.at("/details/rpo/server-loss").asText()).startsWith("MISSED");

        String dryRun = api.start("{\"runbook\":\"prune-backups\",\"reason\":\"check\",\"dryRun\":true}");
        assertThat(api.awaitEnd(dryRun).get("outcome").asText()).isEqualTo("DRY_RUN");
        assertThat(protectedSets(dryRun)).contains(older.id(), newer.id()); // older: the newest verified; newer: the restore's
        api.post("/api/runs/" + restore + "/cancel", "{\"reason\":\"test done\"}");
    }

    @Test
    void pruningKeepsTheSetARunAskedForAtItsStartAndTheSetAVerificationIsRestoring() throws IOException {
        BackupSet asked = backup();
        BackupSet unused = backup();
        BackupSet restoring = backup();
        for (BackupSet set : List.of(asked, unused, restoring)) {
            RunbooksOverApiTest.age(set, Duration.ofDays(400)); // past every data set's retention
        }
        int keepDaily = backupProperties.getKeepDaily();
        int keepWeekly = backupProperties.getKeepWeekly();
        List<String> active = new ArrayList<>();
        try {
            backupProperties.setKeepDaily(0); // no set is kept for being among the newest: only protection keeps one
            backupProperties.setKeepWeekly(0);
            // waits for its data sets, before its selection: the set it asked for is only a start field yet
            String restore = api.start("{\"runbook\":\"restore\",\"reason\":\"older set\",\"backupSet\":\"" + asked.id() + "\"}");
            active.add(restore);
            api.awaitTask(restore, "choose-data-sets");
            // a test restore of sets this small is over in milliseconds: a run in the middle of one is an active run
            // whose trail names its set, as test-restore-backup records it before it starts
            // a drill: a second real restore of the root would be refused (409) while the first holds it
            String verifying = api.start("{\"runbook\":\"restore\",\"reason\":\"stands for a verification\",\"drill\":true}");
            active.add(verifying);
            api.awaitTask(verifying, "choose-data-sets");
            audit.append(verifying, "dr-runbooks", BackupSteps.TEST_RESTORING, "test-restore-backup",
                    Map.of("backupSetId", restoring.id()));

            String prune = api.start("{\"runbook\":\"prune-backups\",\"reason\":\"daily\"}");
            assertThat(api.awaitEnd(prune).get("outcome").asText()).isEqualTo("PRUNED");

            assertThat(protectedSets(prune)).contains(asked.id(), restoring.id()).doesNotContain(unused.id());
            assertThat(asked.directory()).exists();
            assertThat(restoring.directory()).exists();
            assertThat(unused.directory()).doesNotExist();
        } finally {
            active.forEach(run -> api.post("/api/runs/" + run + "/cancel", "{\"reason\":\"test done\"}"));
            backupProperties.setKeepDaily(keepDaily);
            backupProperties.setKeepWeekly(keepWeekly);
        }
    }

    private String selectedSet(String runId) {
        return stepOutput(runId, "select-backup").get("backupSetId").asText();
    }

    private List<String> protectedSets(String runId) {
        List<String> ids = new ArrayList<>();
        stepOutput(runId, "prune").get("protectedSets").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private JsonNode stepOutput(String runId, String step) {
        return api.event(runId, "step.completed", step).at("/detail/output");
    }
}
