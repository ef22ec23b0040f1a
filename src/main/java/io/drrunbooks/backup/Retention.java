package io.drrunbooks.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which backup sets and archives to delete (spec 2.2 and table 1.1). The newest {@code keepDaily}
 * daily and {@code keepWeekly} weekly sets are kept whole (a weekly set is one holding a data set
 * only weekly sets hold, {@code cache} by default); an older set keeps each archive while its data set's
 * retention (registry 90 days, state 30, ...) has not run out, loses the others, and is deleted
 * once none is left. Protected sets (the newest verified one, any a run is using) are never touched.
 * Deleting renames the set to a dot-name first, so a crash mid-way never leaves a set that looks complete.
 */
public final class Retention {

    private final BackupSets backups;
    private final Clock clock;

    public Retention(BackupSets backups, Clock clock) {
        this.backups = backups;
        this.clock = clock;
    }

    /**
     * @param weeklyOnly the data sets daily sets leave out: a set holding one of them is a weekly set (with none,
     *                   daily and weekly sets hold the same and every set counts as daily)
     * @param maxAge     per data set; a data set without an entry ({@code config}) has no retention of its own
     *                   and goes when the set goes
     */
    public record Policy(int keepDaily, int keepWeekly, Set<String> weeklyOnly, Map<String, Duration> maxAge) {
    }

    /** One change: the whole set, or some of its archives. */
    public record Decision(String setId, boolean wholeSet, List<String> dataSets, String reason) {
    }

    public List<Decision> plan(Policy policy, Set<String> protectedIds) {
        Instant now = clock.instant();
        List<Decision> decisions = new ArrayList<>();
        int daily = 0;
        int weekly = 0;
        for (BackupSet set : backups.list()) {
            boolean isWeekly = set.dataSets().stream().anyMatch(policy.weeklyOnly()::contains);
            if (isWeekly ? weekly++ < policy.keepWeekly() : daily++ < policy.keepDaily()) {
                continue;
            }
            if (protectedIds.contains(set.id())) {
                continue;
            }
            Duration age = Duration.between(set.createdAt(), now);
            List<String> expired = set.dataSets().stream()
                    .filter(d -> policy.maxAge().containsKey(d) && age.compareTo(policy.maxAge().get(d)) > 0).toList();
            String kind = isWeekly ? "weekly" : "daily";
            long timed = set.dataSets().stream().filter(policy.maxAge()::containsKey).count();
            if (!expired.isEmpty() && expired.size() == timed) {
                decisions.add(new Decision(set.id(), true, set.dataSets(), "older " + kind + " set (" + age.toDays()
                        + " days) past the retention of every data set it holds"));
            } else if (!expired.isEmpty()) {
                decisions.add(new Decision(set.id(), false, expired, "older " + kind + " set (" + age.toDays()
                        + " days): retention of " + expired + " has run out"));
            }
        }
        return decisions;
    }

    public void apply(Decision decision) {
        BackupSet set = backups.open(decision.setId());
        try {
            if (decision.wholeSet()) {
                Path doomed = set.directory().resolveSibling("." + set.id() + ".deleting");
                Files.move(set.directory(), doomed);
                SetFiles.syncDirectory(doomed.getParent());
                SetFiles.deleteTree(doomed);
                return;
            }
            List<ArchiveRecord> kept = set.manifest().archives().stream()
                    .filter(a -> !decision.dataSets().contains(a.dataSet())).toList();
            Manifest before = set.manifest();
            // the manifest stops naming the archives before they go, so no reader trusts a missing file
            SetFiles.writeManifest(set.directory().resolve(SetFiles.MANIFEST_JSON), new Manifest(before.formatVersion(),
                    before.id(), before.createdAt(), before.completedAt(), before.toolVersion(), before.targetRoot(),
                    before.origin(), kept));
            rewriteChecksums(set.directory(), kept);
            for (String dataSet : decision.dataSets()) {
                Files.deleteIfExists(set.archive(dataSet));
            }
        } catch (IOException e) {
            throw new BackupException("set " + set.id() + ": pruning " + decision.dataSets() + " failed: " + e, e);
        }
    }

    private static void rewriteChecksums(Path directory, List<ArchiveRecord> kept) throws IOException {
        StringBuilder sums = new StringBuilder();
        kept.forEach(a -> sums.append(a.sha256()).append("  ").append(a.file()).append('\n'));
        Path temporary = directory.resolve("." + SetFiles.SHA256SUMS + ".tmp");
        Files.deleteIfExists(temporary);
        SetFiles.writeText(temporary, sums.toString());
        Files.move(temporary, directory.resolve(SetFiles.SHA256SUMS), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
