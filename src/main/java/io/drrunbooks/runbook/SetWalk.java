package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.ListedSet;
import io.drrunbooks.backup.UnreadableSet;
import io.drrunbooks.engine.StepContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A walk back through backup sets, newest first, to the first one a check accepts, keeping every set passed
 * over and why ({@code skippedSets}, {@code skippedSummary}). A set that does not open is passed over for that.
 */
final class SetWalk {

    private final List<Map<String, Object>> skipped = new ArrayList<>();
    private boolean anySet;

    /** The sets a run walks: the one its start named ({@code backupSet}), else every set, newest first. */
    static List<ListedSet> candidates(StepContext context, BackupSets backups) {
        return context.optionalString("backupSet").map(id -> List.of(backups.listed(id))).orElseGet(backups::catalogue);
    }

    /** @param problem null when the set will do, else why not */
    Optional<BackupSet> first(List<ListedSet> sets, Function<BackupSet, String> problem) {
        anySet |= !sets.isEmpty();
        for (ListedSet listed : sets) {
            String why = listed instanceof UnreadableSet unreadable ? unreadable.problem() : problem.apply((BackupSet) listed);
            if (why == null) {
                return Optional.of((BackupSet) listed);
            }
            skipped.add(Map.of("id", listed.id(), "reason", why));
        }
        return Optional.empty();
    }

    List<Map<String, Object>> skipped() {
        return List.copyOf(skipped);
    }

    String summary() {
        if (skipped.isEmpty()) {
            // with no set at all there is nothing skipped to list, and "none skipped" would read as "the newest is usable"
            return anySet ? "none: the newest set is usable" : "there is no backup set to choose from";
        }
        List<String> lines = skipped.stream().map(s -> s.get("id") + ": " + s.get("reason")).toList();
        return String.join("\n", lines);
    }
}
