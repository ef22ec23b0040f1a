package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupException;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.Target;
import io.drrunbooks.target.TargetLayout;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The start fields every runbook understands ({@code drill}, {@code dataSets}, {@code targetRoot},
 * {@code backupSet}), checked before a run starts so that a bad one is a 400 naming it rather than a
 * run that fails half-way; and no start field may set a variable the runbooks set themselves
 * ({@link RunVariables}).
 */
@Component
class StartFields {

    private final Target target;
    private final TargetRoots roots;
    private final BackupSets backups;
    /** The reserved run variables and the forms' fields, less what a start may give. */
    private final Set<String> reserved;

    StartFields(Target target, TargetRoots roots, BackupSets backups, Forms forms) {
        this.target = target;
        this.roots = roots;
        this.backups = backups;
        Set<String> names = new TreeSet<>(RunVariables.RESERVED);
        names.addAll(forms.fieldKeys());
        names.removeAll(RunVariables.START_FIELDS);
        this.reserved = Set.copyOf(names);
    }

    void check(Runbook runbook, Map<String, Object> fields) {
        fields.keySet().stream().filter(reserved::contains).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("field '" + name + "' cannot be given at start: the runbooks set it"
                    + " themselves (a step's result or a form's answer)");
        });
        Object drill = fields.get(RunTargets.DRILL);
        if (drill != null && !(drill instanceof Boolean)) {
            throw new IllegalArgumentException("field 'drill' must be true or false, got " + drill);
        }
        if (Boolean.TRUE.equals(drill) && !runbook.drillable()) {
            throw new IllegalArgumentException("field 'drill': runbook '" + runbook.id() + "' cannot run as a drill:"
                    + " it is not a recovery of the target (it has no " + Runbook.FINISH_RUN + " step to remove a"
                    + " scratch copy) and its steps would do their work for real");
        }
        Object dataSets = fields.get("dataSets");
        if (dataSets != null) {
            if (!(dataSets instanceof List<?> names) || names.isEmpty() || !names.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException("field 'dataSets' must be a non-empty list of data-set names, got " + dataSets);
            }
            List<String> given = names.stream().map(String.class::cast).toList();
            refuseDuplicates(given);
            target.layout().dataSets(given); // names the unknown ones
            checkDataSetsOf(runbook, given);
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

    /** A data set named twice would be stopped for, staged and swapped twice: refused before anything happens. */
    private static void refuseDuplicates(List<String> given) {
        List<String> twice = given.stream().filter(name -> given.indexOf(name) != given.lastIndexOf(name)).distinct().toList();
        if (!twice.isEmpty()) {
            throw new IllegalArgumentException("field 'dataSets' names " + twice + " more than once, got " + given);
        }
    }

    /**
     * Only a recovery restores data sets. One with configured data sets restores those: a start may narrow them, not widen them
     * (audit-log-loss restores audit, never the registry; server-loss restores config only after its
     * confirmation form, so not among its data sets).
     */
    private static void checkDataSetsOf(Runbook runbook, List<String> given) {
        if (!runbook.drillable()) {
            // a backup takes what dr.target.weekly-only and the set's kind say; a verification or a prune, whole sets
            throw new IllegalArgumentException("field 'dataSets': runbook '" + runbook.id() + "' restores no data sets;"
                    + " only a recovery takes them");
        }
        List<String> others = given.stream().filter(name -> !runbook.dataSets().contains(name)).toList();
        if (runbook.dataSets().isEmpty() || others.isEmpty()) {
            return;
        }
        String why = runbook.confirmsConfig() && others.contains(TargetLayout.CONFIG)
                ? "; config is restored only after the confirm-config-restore form" : "";
        throw new IllegalArgumentException("field 'dataSets': runbook '" + runbook.id() + "' restores only "
                + runbook.dataSets() + " (dr.runbooks." + runbook.id() + ".data-sets), not " + others + why);
    }

    /** The root given at start, else the configured one: resolved and checked ({@link TargetRoots}). */
    Path targetRoot(Runbook runbook, Map<String, Object> fields) {
        return roots.resolve(runbook, fields);
    }

    TargetLayout layout() {
        return target.layout();
    }
}
