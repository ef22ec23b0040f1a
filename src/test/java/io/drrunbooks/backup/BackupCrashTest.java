package io.drrunbooks.backup;

import io.drrunbooks.testsupport.ChildJvm;
import io.drrunbooks.testsupport.CrashPlan;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.RealisticTree;
import io.drrunbooks.verify.SetVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SIGKILLs {@code backup} (the command line, in a JVM of its own) at random points of its run, many times: a set
 * killed before its rename is never listed, and every listed set verifies and holds the tree's exact bytes.
 */
class BackupCrashTest {

    @TempDir
    Path temp;

    @Test
    void aBackupKilledAnywhereLeavesOnlyCompleteSetsThatVerify() {
        Path root = temp.resolve("target");
        Path backupRoot = temp.resolve("backups");
        RealisticTree.write(root, 0, 300, 2500);
        BackupSets sets = new BackupSets(new BackupOptions(backupRoot, Clock.systemUTC(), "crash-test"));
        CrashPlan plan = new CrashPlan("backup", 6);

        // uncrashed, to learn how long the work takes from the partial set's appearance to the exit
        Duration work = run(root, backupRoot, null);
        plan.log("uncrashed backup: %d ms from the partial set to the exit", work.toMillis());
        Set<String> checked = new HashSet<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < plan.iterations(); i++) {
            Duration delay = plan.pointWithin(work);
            int partialBefore = partialSets(backupRoot).size();
            run(root, backupRoot, delay);
            List<BackupSet> listed = sets.list();
            for (BackupSet set : listed) {
                if (checked.add(set.id())) {
                    assertThat(new SetVerifier().verify(set).ok()).as("listed set " + set.id() + " verifies").isTrue();
                    assertHoldsTheTree(set, root);
                }
            }
            List<String> partial = partialSets(backupRoot);
            for (String leftover : partial) {
                String id = leftover.substring(1, leftover.length() - ".partial".length());
                assertThat(listed).extracting(BackupSet::id).doesNotContain(id);
                assertThatThrownBy(() -> sets.open(id)).isInstanceOf(BackupException.class);
            }
            String outcome = partial.size() > partialBefore ? "killed before the rename" : "complete";
            outcomes.merge(outcome, 1, Integer::sum);
            plan.log("kill %d at %d ms: %s; %d sets listed, %d partial left (ignored)", i + 1, delay.toMillis(), outcome,
                    listed.size(), partial.size());
        }
        plan.log("outcomes: %s", outcomes);
        assertThat(checked).as("at least the uncrashed set is listed").isNotEmpty();
    }

    /** Runs one backup; kills it {@code killAfter} past the partial set's appearance, or lets it finish when null. */
    private Duration run(Path root, Path backupRoot, Duration killAfter) {
        int partialBefore = partialSets(backupRoot).size();
        try (ChildJvm child = ChildJvm.start(temp.resolve("logs/backup-" + System.nanoTime() + ".log"),
                List.of("backup", "--root", root.toString(), "--to", backupRoot.toString()))) {
            child.awaitOrExit(() -> partialSets(backupRoot).size() > partialBefore, Duration.ofMinutes(2));
            long started = System.nanoTime();
            if (killAfter == null) {
                assertThat(child.await(Duration.ofMinutes(5))).as(child.output()).isZero();
                return Duration.ofNanos(System.nanoTime() - started);
            }
            ChildJvm.sleep(killAfter);
            child.kill();
            return killAfter;
        }
    }

    private static void assertHoldsTheTree(BackupSet set, Path root) {
        for (ArchiveRecord archive : set.manifest().archives()) {
            for (FileRecord file : archive.files()) {
                assertThat(PlatformGodFixture.sha256(root.resolve(file.path()))).as(set.id() + ": " + file.path())
                        .isEqualTo(file.sha256());
            }
        }
    }

    private static List<String> partialSets(Path backupRoot) {
        if (!Files.isDirectory(backupRoot)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(backupRoot)) {
            return children.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
