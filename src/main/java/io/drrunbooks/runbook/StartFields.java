package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupException;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.Target;
import io.drrunbooks.target.TargetLayout;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The start fields every runbook understands ({@code drill}, {@code dataSets}, {@code targetRoot},
 * {@code backupSet}), checked before a run starts so that a bad one is a 400 naming it rather than a
 * run that fails half-way.
 */
@Component
class StartFields {

    private final Target target;
    private final BackupSets backups;

    StartFields(Target target, BackupSets backups) {
        this.target = target;
        this.backups = backups;
    }

    void check(Map<String, Object> fields) {
        Object drill = fields.get(RunTargets.DRILL);
        if (drill != null && !(drill instanceof Boolean)) {
            throw new IllegalArgumentException("field 'drill' must be true or false, got " + drill);
        }
        Object dataSets = fields.get("dataSets");
        if (dataSets != null) {
            if (!(dataSets instanceof List<?> names) || names.isEmpty() || !names.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException("field 'dataSets' must be a non-empty list of data-set names, got " + dataSets);
            }
            target.layout().dataSets(names.stream().map(String.class::cast).toList()); // names the unknown ones
        }
        Object root = fields.get(RunTargets.TARGET_ROOT);
        if (root != null && (!(root instanceof String text) || !Path.of(text).isAbsolute())) {
            throw new IllegalArgumentException("field 'targetRoot' must be an absolute path, got " + root);
        }
        Object set = fields.get("backupSet");
        if (set != null) {
            if (!(set instanceof String id)) {
                throw new IllegalArgumentException("field 'backupSet' must be a backup set id, got " + set);
            }
            try {
                backups.open(id);
            } catch (BackupException unusable) {
                throw new IllegalArgumentException("field 'backupSet': " + unusable.getMessage());
            }
        }
    }

    /** The root given at start, else the configured one. */
    Path targetRoot(Map<String, Object> fields) {
        Object root = fields.get(RunTargets.TARGET_ROOT);
        return root == null ? target.layout().root() : Path.of(root.toString());
    }

    TargetLayout layout() {
        return target.layout();
    }
}
