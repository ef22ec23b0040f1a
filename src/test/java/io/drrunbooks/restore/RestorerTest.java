package io.drrunbooks.restore;

import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static io.drrunbooks.testsupport.PlatformGodFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestorerTest {

    static final long EPOCH = 1737453600L; // 2025-01-21T10:00:00Z

    @TempDir
    Path temp;
    Path root;
    TargetLayout layout;
    BackupSets sets;
    BackupSet set;
    Map<String, String> registryInSet;
    final List<String> events = new ArrayList<>();
    Restorer restorer;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("platform-god");
        layout = PlatformGodFixture.create(root);
        Files.setPosixFilePermissions(root.resolve("var/state/run-001.json"), PosixFilePermissions.fromString("rw-r-----"));
        sets = new BackupSets(new BackupOptions(temp.resolve("backups"), PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"), "1.2.3"));
        set = sets.write(layout, layout.dailyDataSets());
        registryInSet = hashes(root.resolve("var/registry"));
        restorer = new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"),
                (type, detail) -> events.add(type)));
    }

    @Test
    void restoreMakesTheLiveTreeByteIdenticalToTheSetAndKeepsTheReplacedOne() throws IOException {
        Map<String, String> stateInSet = hashes(root.resolve("var/state"));
        write(root, "var/registry/agents/alpha.yaml", "name: alpha\nmodel: corrupted {{{\n");
        write(root, "var/registry/agents/rogue.yaml", "name: rogue\n");
        write(root, ".env", "PGOD_API_KEY=changed\n");
        Map<String, String> registryBefore = hashes(root.resolve("var/registry"));

        RestoreResult result = restorer.restore(set, layout, List.of("registry", "state", "config"), "op-1");

        assertThat(hashes(root.resolve("var/registry"))).isEqualTo(registryInSet);
        assertThat(hashes(root.resolve("var/state"))).isEqualTo(stateInSet);
        assertThat(Files.readString(root.resolve(".env"))).isEqualTo("PGOD_API_KEY=secret\nPGOD_PORT=8080\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/state/run-001.json"))))
                .isEqualTo("rw-r-----");
        Path replaced = root.resolve("var/registry.replaced." + EPOCH);
        assertThat(hashes(replaced)).isEqualTo(registryBefore);
        assertThat(Files.readString(root.resolve(".env.replaced." + EPOCH))).isEqualTo("PGOD_API_KEY=changed\n");
        assertThat(result.dataSets()).extracting(DataSetResult::dataSet).containsExactly("registry", "state", "config");
        assertThat(result.dataSets().get(0)).isEqualTo(new DataSetResult("registry", root.resolve("var/registry"), replaced, 3,
                set.archiveRecord("registry").orElseThrow().files().stream().mapToLong(f -> f.size()).sum()));
        assertThat(events).containsSubsequence("verified", "staged", "swapped", "verified", "staged", "swapped");
        assertThat(root.resolve("var/.registry.staging.op-1")).doesNotExist();
        assertThat(root.resolve(".config.staging.op-1")).doesNotExist();
        assertThat(list(root.resolve(".dr-restore"))).containsExactly("op-1.done.json");
    }

    @Test
    void restoresOntoANewServerWithNothingToReplace() {
        TargetLayout newServer = layout.withRoot(temp.resolve("new-server"));

        RestoreResult result = restorer.restore(set, newServer, List.of("registry", "state", "artifacts", "audit", "config"), "op-2");

        Map<String, String> expected = hashes(root);
        expected.keySet().removeIf(path -> path.startsWith("var/cache/"));
        Map<String, String> actual = hashes(newServer.root());
        actual.keySet().removeIf(path -> path.startsWith(".dr-restore/"));
        assertThat(actual).isEqualTo(expected);
        assertThat(result.dataSets()).allSatisfy(r -> assertThat(r.quarantine()).isNull());
    }

    @Test
    void aDataSetsOperationLeadsBackToItsRunWhoseTrailRecordsItsRecovery() {
        String run = "0b5c6a52-6f4e-4c61-9a3e-1d2f3a4b5c6d";
        assertThat(Restorer.runOf(Restorer.operationOf(run, "state"), "state")).isEqualTo(run);
        assertThat(Restorer.runOf(run, "registry")).as("a run restoring its data sets in one operation").isEqualTo(run);
    }

    @Test
    void theSameOperationDeliveredAgainReturnsItsResultAndChangesNothing() throws IOException {
        RestoreResult first = restorer.restore(set, layout, List.of("registry"), "op-3");
        write(root, "var/registry/agents/added-later.yaml", "name: later\n");
        Map<String, String> afterFirst = hashes(root);

        RestoreResult again = restorer.restore(set, layout, List.of("registry"), "op-3");

        assertThat(again).isEqualTo(first);
        assertThat(hashes(root)).isEqualTo(afterFirst);
        BackupSet other = sets.write(layout, layout.dailyDataSets());
        assertThatThrownBy(() -> restorer.restore(other, layout, List.of("registry"), "op-3"))
                .isInstanceOf(RestoreException.class).hasMessageContaining("already restored set " + set.id());
    }

    @Test
    void aDataSetTheSetDoesNotHoldIsRefusedByName() {
        assertThatThrownBy(() -> restorer.restore(set, layout, List.of("cache"), "op-4"))
                .isInstanceOf(RestoreException.class).hasMessageContaining("has no archive for data set cache");
    }

    @Test
    void aDamagedArchiveIsRefusedBeforeAnythingChanges() {
        io.drrunbooks.testsupport.TamperedSets.flipByte(set.archive("registry"));
        Map<String, String> before = hashes(root);

        assertThatThrownBy(() -> restorer.restore(set, layout, List.of("registry"), "op-5"))
                .isInstanceOf(RestoreException.class).hasMessageContaining("archive registry.tar.gz: sha256");
        assertThat(hashes(root)).isEqualTo(before);
    }

    @Test
    void quarantineMovesTheLiveTreeAsideReadOnlyAndReleaseBringsItBack() throws IOException {
        Path live = root.resolve("var/registry");
        Path planned = restorer.planQuarantine(layout, "registry", "corrupted");
        assertThat(planned).isEqualTo(root.resolve("var/registry.corrupted." + EPOCH));

        Quarantine quarantine = restorer.quarantine(layout, "registry", planned);

        assertThat(live).doesNotExist();
        assertThat(quarantine.quarantined()).isEqualTo(planned);
        assertThat(quarantine.fileSha256()).isEqualTo(registryInSet);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(quarantine.quarantined().resolve("agents/alpha.yaml"))))
                .doesNotContain("w");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(quarantine.quarantined().resolve("agents"))))
                .doesNotContain("w");
        assertThat(events).containsOnlyOnce("quarantined");
        assertThat(restorer.quarantine(layout, "registry", planned)).isEqualTo(quarantine);
        assertThat(events).containsOnlyOnce("quarantined");
        assertThat(restorer.planQuarantine(layout, "registry", "corrupted")).isEqualTo(root.resolve("var/registry.corrupted." + (EPOCH + 1)));

        assertThat(QuarantineList.read(planned, quarantine.fileListSha256())).isEqualTo(registryInSet);

        assertThat(restorer.release(layout, "registry", planned)).isTrue();

        assertThat(hashes(live)).isEqualTo(registryInSet);
        assertThat(Files.getPosixFilePermissions(live.resolve("agents/alpha.yaml")))
                .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(quarantine.fileList()).as("the list goes with its quarantine").doesNotExist();
        assertThat(restorer.release(layout, "registry", planned)).as("the live tree is there: nothing moves").isFalse();
        Files.move(live, planned);
        Files.createDirectories(live);
        assertThat(restorer.release(layout, "registry", planned)).as("a tree a restore put in place stays").isFalse();
        assertThat(planned).isDirectory();
        Files.delete(live);
        Trees.deleteTree(planned);
        assertThatThrownBy(() -> restorer.release(layout, "registry", planned)).isInstanceOf(RestoreException.class)
                .hasMessageContaining(planned + ": it does not exist");
    }

    @Test
    void aQuarantineCutShortAfterTheMoveIsFinishedByTheNextCall() throws IOException {
        Path planned = restorer.planQuarantine(layout, "registry", "corrupted");
        Files.move(root.resolve("var/registry"), planned); // the move happened, then the process died

        Quarantine quarantine = restorer.quarantine(layout, "registry", planned);

        assertThat(quarantine.fileSha256()).isEqualTo(registryInSet);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(planned.resolve("agents/alpha.yaml"))))
                .doesNotContain("w");
        assertThat(root.resolve("var/registry")).doesNotExist();
    }

    @Test
    void aQuarantineGoesOnlyWhereItWasPlannedAndOnlyFromAnExistingTree() throws IOException {
        assertThatThrownBy(() -> restorer.planQuarantine(layout, "registry", "Bad Label"))
                .isInstanceOf(RestoreException.class).hasMessageContaining("'Bad Label'");
        assertThatThrownBy(() -> restorer.quarantine(layout, "registry", root.resolve("var/state.corrupted." + EPOCH)))
                .isInstanceOf(RestoreException.class).hasMessageContaining("is not a quarantine of " + root.resolve("var/registry"));
        assertThatThrownBy(() -> restorer.quarantine(layout, "registry", temp.resolve("registry.corrupted." + EPOCH)))
                .isInstanceOf(RestoreException.class).hasMessageContaining("is not a quarantine of");
        assertThatThrownBy(() -> restorer.quarantine(layout, "config", root.resolve(".env.corrupted." + EPOCH)))
                .isInstanceOf(RestoreException.class).hasMessageContaining("config is not a directory data set");

        Path planned = restorer.planQuarantine(layout, "registry", "corrupted");
        org.springframework.util.FileSystemUtils.deleteRecursively(root.resolve("var/registry"));
        assertThatThrownBy(() -> restorer.quarantine(layout, "registry", planned)).isInstanceOf(RestoreException.class)
                .hasMessageContaining("neither " + root.resolve("var/registry") + " nor its quarantine " + planned + " exists");
        assertThat(planned).doesNotExist();
    }

    @Test
    void compareListsWhatARestoreWouldAddRemoveAndChange() {
        write(root, "var/registry/agents/alpha.yaml", "name: alpha\nmodel: tampered\n");
        write(root, "var/registry/agents/gamma.yaml", "name: gamma\n");
        write(root, ".env", "PGOD_PORT=9090\n");
        root.resolve("var/registry/agents/beta.yaml").toFile().delete();

        ChangeSummary registry = restorer.compare(set, "registry", root.resolve("var/registry"));

        assertThat(registry.added()).containsExactly("agents/beta.yaml");
        assertThat(registry.removed()).containsExactly("agents/gamma.yaml");
        assertThat(registry.changed()).containsExactly("agents/alpha.yaml");
        assertThat(restorer.compare(set, "config", root)).isEqualTo(new ChangeSummary(List.of(), List.of(), List.of(".env")));
        assertThat(restorer.compare(set, "state", root.resolve("var/state")).isEmpty()).isTrue();
    }

    @Test
    void recoveryFinishesASwapWhoseJournalSaysTheLiveTreeWasMovedAway() throws IOException {
        Path live = root.resolve("var/registry");
        Path staging = root.resolve("var/.registry.staging.op-6");
        Path quarantine = root.resolve("var/registry.replaced." + EPOCH);
        PlatformGodFixture.run(root, "mkdir", "-p", temp.resolve("unpacked").toString());
        PlatformGodFixture.run(root, "tar", "-xzf", set.archive("registry").toString(), "-C", temp.resolve("unpacked").toString());
        Files.move(temp.resolve("unpacked/var/registry"), staging);
        write(root, "var/registry/agents/alpha.yaml", "corrupted: [\n");
        new Journal(root).write(new Journal.Entry("op-6", set.id(), "registry", Journal.SWAPPING, staging.toString(),
                List.of(new Journal.Step(live.toString(), staging.toString(), quarantine.toString()))));
        Files.move(live, quarantine); // the crash came after the first rename

        List<String> report = restorer.recoverInterrupted(layout);

        assertThat(report).singleElement().asString().contains("operation op-6", "data set registry", "finished the interrupted swap");
        assertThat(hashes(live)).isEqualTo(registryInSet);
        assertThat(Files.readString(quarantine.resolve("agents/alpha.yaml"))).isEqualTo("corrupted: [\n");
        assertThat(staging).doesNotExist();
        assertThat(root.resolve(".dr-restore/op-6.json")).doesNotExist();
        assertThat(restorer.recoverInterrupted(layout)).isEmpty();
    }

    @Test
    void recoveryDeletesAnUnfinishedStagingAndLeavesTheLiveTree() {
        Map<String, String> before = hashes(root.resolve("var"));
        Path staging = root.resolve("var/.registry.staging.op-7");
        write(staging, "agents/half-written.yaml", "name: ha");
        new Journal(root).write(new Journal.Entry("op-7", set.id(), "registry", Journal.STAGING, staging.toString(),
                List.of(new Journal.Step(root.resolve("var/registry").toString(), staging.toString(), null))));

        List<String> report = restorer.recoverInterrupted(layout);

        assertThat(report).singleElement().asString().contains("op-7", "deleted", "live data left as it was");
        assertThat(staging).doesNotExist();
        assertThat(hashes(root.resolve("var"))).isEqualTo(before);
    }

    @Test
    void aCrashBetweenTheSwapsOfTwoDataSetsIsFinishedForBothAtTheNextStart() throws IOException {
        Map<String, String> stateInSet = hashes(root.resolve("var/state"));
        write(root, "var/registry/agents/alpha.yaml", "broken: [\n");
        write(root, "var/state/run-003.json", "{\"run\":3}\n");
        Restorer crashing = new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), (type, detail) -> {
            if (type.equals("swapped")) {
                throw new IllegalStateException("crash after the first swap"); // nothing after this point runs
            }
        }));
        assertThatThrownBy(() -> crashing.restore(set, layout, List.of("registry", "state"), "op-10"))
                .hasMessageContaining("crash after the first swap");
        assertThat(hashes(root.resolve("var/registry"))).isEqualTo(registryInSet);
        assertThat(hashes(root.resolve("var/state"))).containsKey("run-003.json"); // a mix, until the next start

        List<String> report = restorer.recoverInterrupted(layout);

        assertThat(report).singleElement().asString().contains("op-10", "data set state", "finished the interrupted swap");
        assertThat(hashes(root.resolve("var/state"))).isEqualTo(stateInSet);
        assertThat(root.resolve("var/state.replaced." + EPOCH + "/run-003.json")).exists();
        assertThat(list(root.resolve(".dr-restore"))).containsExactly("op-10.done.json");
        assertThat(list(root.resolve("var"))).noneMatch(name -> name.contains(".staging."));
        RestoreResult again = restorer.restore(set, layout, List.of("registry", "state"), "op-10");
        assertThat(again.dataSets()).extracting(DataSetResult::dataSet).containsExactly("registry", "state");
        assertThat(list(root.resolve("var"))).filteredOn(name -> name.contains(".replaced.")).hasSize(2);
    }

    @Test
    void aCrashBeforeTheCommitRollsBackEveryDataSetOfTheOperation() throws IOException {
        write(root, "var/registry/agents/alpha.yaml", "broken: [\n");
        Map<String, String> before = hashes(root.resolve("var"));
        Path commit = root.resolve(".dr-restore/op-11.done.json");
        write(commit, "in-the-way", "the commit cannot be written over a directory: the restore stops just before it");
        assertThatThrownBy(() -> restorer.restore(set, layout, List.of("registry", "state"), "op-11"))
                .hasMessageContaining("op-11.done.json");
        assertThat(list(root.resolve("var"))).filteredOn(name -> name.contains(".staging.op-11")).hasSize(2);
        PlatformGodFixture.run(root, "rm", "-r", commit.toString());

        List<String> report = restorer.recoverInterrupted(layout);

        assertThat(report).hasSize(2).allSatisfy(line -> assertThat(line).contains("op-11", "live data left as it was"));
        assertThat(hashes(root.resolve("var"))).isEqualTo(before);
        // the half-written commit's temporary file is all that is left, and the journal ignores it
        assertThat(list(root.resolve(".dr-restore"))).containsExactly(".op-11.done.json.tmp");
        assertThat(restorer.recoverInterrupted(layout)).isEmpty();
    }

    @Test
    void aSetWrittenByTheSpecsScriptIsRestorable() {
        BackupSet legacy = sets.open(PlatformGodFixture.writeSetWithSpecScript(root, temp.resolve("backups"), "20250119_020000"));
        write(root, "var/registry/agents/alpha.yaml", "broken: [\n");
        write(root, "chains.yaml", "chains: {}\n");

        restorer.restore(legacy, layout, List.of("registry", "config"), "op-8");

        assertThat(hashes(root.resolve("var/registry"))).isEqualTo(registryInSet);
        assertThat(PlatformGodFixture.sha256(root.resolve("chains.yaml")))
                .isEqualTo(legacy.archiveRecord("config").orElseThrow().file("chains.yaml").orElseThrow().sha256());
    }

    @Test
    void restoresASymlinkThatStaysInsideTheDataSet() throws IOException {
        Files.createSymbolicLink(root.resolve("var/registry/current.yaml"), Path.of("agents/alpha.yaml"));
        BackupSet withLink = sets.write(layout, layout.dataSets(List.of("registry")));
        Files.delete(root.resolve("var/registry/current.yaml"));

        restorer.restore(withLink, layout, List.of("registry"), "op-9");

        assertThat(Files.readSymbolicLink(root.resolve("var/registry/current.yaml"))).isEqualTo(Path.of("agents/alpha.yaml"));
        assertThat(Files.readString(root.resolve("var/registry/current.yaml"))).startsWith("name: alpha");
    }

    @Test
    void recoveryWaitsWhileARestoreHoldsTheDataSetOfAnEntry() throws Exception {
        Path staging = root.resolve("var/.registry.staging.op-12");
        write(staging, "agents/being-written.yaml", "name: be");
        new Journal(root).write(new Journal.Entry("op-12", set.id(), "registry", Journal.STAGING, staging.toString(),
                List.of(new Journal.Step(root.resolve("var/registry").toString(), staging.toString(), null))));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> recovery;
            try (DataSetLocks running = DataSetLocks.acquire(root, List.of("registry"))) {
                recovery = thread.submit(() -> restorer.recoverInterrupted(layout));
                // rolling back an unfinished staging takes milliseconds: still waiting means it waits for the lock
                assertThatThrownBy(() -> recovery.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
                assertThat(staging.resolve("agents/being-written.yaml")).exists();
            }
            assertThat(recovery.get(10, TimeUnit.SECONDS)).singleElement().asString().contains("op-12", "deleted");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aRestoreWaitsForItsDataSetsBeforeItJournalsAnything() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<RestoreResult> restore;
            try (DataSetLocks running = DataSetLocks.acquire(root, List.of("state"))) {
                restore = thread.submit(() -> restorer.restore(set, layout, List.of("registry", "state"), "op-13"));
                assertThatThrownBy(() -> restore.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
                assertThat(list(root.resolve(".dr-restore"))).isEmpty(); // not even the registry, whose lock is free
            }
            assertThat(restore.get(30, TimeUnit.SECONDS).dataSets()).extracting(DataSetResult::dataSet)
                    .containsExactly("registry", "state");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void restoresOfDifferentDataSetsOfOneRootRunAtTheSameTime() throws Exception {
        Map<String, String> stateInSet = hashes(root.resolve("var/state"));
        write(root, "var/registry/agents/alpha.yaml", "broken: [\n");
        write(root, "var/state/run-003.json", "{\"run\":3}\n");
        CyclicBarrier bothCommitted = new CyclicBarrier(2);
        // each restore waits, after its commit and while it holds its data set, until the other one got as far
        Restorer meeting = new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), (type, detail) -> {
            if (type.equals("verified")) {
                try {
                    bothCommitted.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("the other restore did not run while this one held its data set", e);
                }
            }
        }));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<RestoreResult> registry = threads.submit(() -> meeting.restore(set, layout, List.of("registry"), "op-14"));
            Future<RestoreResult> state = threads.submit(() -> meeting.restore(set, layout, List.of("state"), "op-15"));

            assertThat(registry.get(60, TimeUnit.SECONDS).dataSets()).singleElement().extracting(DataSetResult::dataSet)
                    .isEqualTo("registry");
            assertThat(state.get(60, TimeUnit.SECONDS).dataSets()).singleElement().extracting(DataSetResult::dataSet)
                    .isEqualTo("state");
        } finally {
            threads.shutdownNow();
        }
        assertThat(hashes(root.resolve("var/registry"))).isEqualTo(registryInSet);
        assertThat(hashes(root.resolve("var/state"))).isEqualTo(stateInSet);
        assertThat(list(root.resolve(".dr-restore"))).containsExactly("op-14.done.json", "op-15.done.json");
    }

    /** The directory's entries but the journal's locks. */
    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.endsWith(".lock")).sorted().toList();
        }
    }
}
