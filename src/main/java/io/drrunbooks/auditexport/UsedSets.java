package io.drrunbooks.auditexport;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.backup.BackupException;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The backup sets a run used, found in its own trail: every step that picks, writes, restores or
 * verifies a set records it under {@code backupSetId} (select-backup's output, {@code data-set(s).restored},
 * {@code backup.written}, test-restore's output); sets merely skipped are recorded as {@code id} and are not "used".
 */
final class UsedSets {

    static final String KEY = "backupSetId";
    static final String MANIFEST = "manifest.json";

    private UsedSets() {
    }

    static List<UsedSet> of(List<AuditEvent> events, BackupSets backups) {
        Map<String, List<Integer>> namedBy = new LinkedHashMap<>();
        for (AuditEvent event : events) {
            collect(event.detail(), id -> namedBy.computeIfAbsent(id, any -> new ArrayList<>()).add(event.seq()));
        }
        List<UsedSet> sets = new ArrayList<>();
        namedBy.forEach((id, seqs) -> sets.add(describe(id, distinct(seqs), backups)));
        return sets;
    }

    private static void collect(Object value, Consumer<String> found) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if (KEY.equals(key) && inner instanceof String id) {
                    found.accept(id);
                } else {
                    collect(inner, found);
                }
            });
        } else if (value instanceof Collection<?> list) {
            list.forEach(inner -> collect(inner, found));
        }
    }

    private static List<Integer> distinct(List<Integer> seqs) {
        return seqs.stream().distinct().toList();
    }

    private static UsedSet describe(String id, List<Integer> namedBy, BackupSets backups) {
        BackupSet set;
        try {
            set = backups.open(id);
        } catch (BackupException gone) {
            return new UsedSet(id, false, namedBy, null, null, gone.getMessage());
        }
        List<UsedSet.Archive> archives = set.manifest().archives().stream()
                .map(a -> new UsedSet.Archive(a.dataSet(), a.file(), a.sha256())).toList();
        Path manifest = set.directory().resolve(MANIFEST);
        try {
            String manifestSha256 = Files.isRegularFile(manifest) ? BundleZip.sha256(Files.readAllBytes(manifest)) : null;
            return new UsedSet(id, true, namedBy, manifestSha256, archives, null);
        } catch (IOException e) {
            return new UsedSet(id, false, namedBy, null, archives, "cannot read " + manifest + ": " + e.getMessage());
        }
    }
}
