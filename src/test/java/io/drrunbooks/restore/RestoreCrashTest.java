package io.drrunbooks.restore;

import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.ChildJvm;
import io.drrunbooks.testsupport.CrashPlan;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.RealisticTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILLs {@code restore} (the command line, in a JVM of its own) at random points of its run, many times, then
 * recovers as the service does at start. Each time the four data sets it restores must all be the tree before or all
 * the set's tree, byte for byte, never a mix; what the restore replaced must be kept whole; nothing may be left in
 * flight. The live tree flips between two trees, A and B, that differ in every data set.
 */
class RestoreCrashTest {

    private static final List<String> DATA_SETS = List.of("registry", "state", "artifacts", "audit");

    @TempDir
    Path temp;

    @Test
    void aRestoreKilledAnywhereIsFinishedOrRolledBackForEveryDataSetAtOnce() {
        Map<String, BackupSet> sets = new TreeMap<>();
        Map<String, Map<String, Map<String, String>>> trees = new TreeMap<>();
        for (String side : List.of("A", "B")) {
            Path tree = temp.resolve("tree-" + side);
            RealisticTree.write(tree, side.equals("A") ? 0 : 1, 200, 1500);
            TargetLayout layout = TargetLayout.platformGod(tree);
            sets.put(side, new BackupSets(new BackupOptions(temp.resolve("backups-" + side), Clock.systemUTC(), "crash-test"))
                    .write(layout, layout.dailyDataSets()));
            trees.put(side, dataSetHashes(tree));
        }
        Path root = temp.resolve("target");
        RealisticTree.write(root, 1, 200, 1500); // the live tree starts as B
        TargetLayout layout = TargetLayout.platformGod(root);
        CrashPlan plan = new CrashPlan("restore", 6);

        Duration work = run(sets.get("A"), root, null);
        plan.log("uncrashed restore: %d ms from the first journal entry to the exit", work.toMillis());
        String live = check(layout, trees, "B", "A", List.of());
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < plan.iterations(); i++) {
            String target = live.equals("A") ? "B" : "A";
            Duration delay = plan.pointWithin(work);
            run(sets.get(target), root, delay);
            List<String> recovered = new ArrayList<>();
            new Restorer(new RestoreOptions(Clock.systemUTC(), (type, detail) -> recovered.add((String) detail.get("outcome"))))
                    .recoverInterrupted(layout);
            String before = live;
            live = check(layout, trees, before, target, recovered);
            String outcome = recovered.isEmpty() ? (live.equals(target) ? "had finished" : "had not begun")
                    : recovered.get(0) + " at the next start";
            outcomes.merge(outcome, 1, Integer::sum);
            plan.log("kill %d at %d ms: restore %s -> %s %s; live is %s", i + 1, delay.toMillis(), before, target, outcome, live);
        }
        plan.log("outcomes: %s", outcomes);
    }

    /** Runs one restore; kills it {@code killAfter} past its first journal entry, or lets it finish when null. */
    private Duration run(BackupSet set, Path root, Duration killAfter) {
        try (ChildJvm child = ChildJvm.start(temp.resolve("logs/restore-" + System.nanoTime() + ".log"), List.of("restore",
                "--from", set.directory().toString(), "--root", root.toString(), "--home", temp.resolve("home").toString()))) {
            child.awaitOrExit(() -> !pendingEntries(root).isEmpty(), Duration.ofMinutes(2));
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

    /**
     * The invariants after a kill and the recovery: every data set is the old or the new tree, all the same one; if
     * the new, each old tree is kept whole as its {@code .replaced.} quarantine (then removed, for the next round);
     * no staging, no journal entry left; all rolled-back or all finished. Returns which tree is live.
     */
    private static String check(TargetLayout layout, Map<String, Map<String, Map<String, String>>> trees, String before,
                                String target, List<String> recovered) {
        Map<String, Map<String, String>> live = dataSetHashes(layout.root());
        String side = live.equals(trees.get(target)) ? target : before;
        for (String dataSet : DATA_SETS) {
            assertThat(live.get(dataSet)).as("data set " + dataSet + " must be tree " + before + " or " + target
                    + ", all data sets the same one").isEqualTo(trees.get(side).get(dataSet));
        }
        assertThat(recovered).as("one outcome per data set, the same for all").hasSizeBetween(0, DATA_SETS.size())
                .allMatch(outcome -> outcome.equals(side.equals(target) ? "finished" : "rolled back"));
        Path var = layout.root().resolve("var");
        List<String> leftovers = names(var).stream().filter(name -> name.contains(".staging.")).toList();
        assertThat(leftovers).as("stagings left").isEmpty();
        assertThat(pendingEntries(layout.root())).as("journal entries left").isEmpty();
        List<String> quarantines = names(var).stream().filter(name -> name.contains(".replaced.")).toList();
        if (side.equals(before)) {
            assertThat(quarantines).as("nothing was replaced").isEmpty();
        } else {
            assertThat(quarantines).hasSize(DATA_SETS.size());
            for (String quarantine : quarantines) {
                String dataSet = quarantine.substring(0, quarantine.indexOf('.'));
                assertThat(PlatformGodFixture.hashes(var.resolve(quarantine))).as("the replaced " + dataSet + " is kept whole")
                        .isEqualTo(trees.get(before).get(dataSet));
                Trees.deleteTree(var.resolve(quarantine));
            }
        }
        return side;
    }

    private static Map<String, Map<String, String>> dataSetHashes(Path root) {
        Map<String, Map<String, String>> hashes = new TreeMap<>();
        for (String dataSet : DATA_SETS) {
            hashes.put(dataSet, PlatformGodFixture.hashes(root.resolve("var").resolve(dataSet)));
        }
        return hashes;
    }

    /** Journal entries of restores in flight: what a crash leaves, besides the finished ones' results. */
    private static List<String> pendingEntries(Path root) {
        return names(root.resolve(".dr-restore")).stream()
                .filter(name -> !name.startsWith(".") && !name.endsWith(".done.json")).toList();
    }

    private static List<String> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
