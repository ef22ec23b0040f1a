package io.drrunbooks.restore;

import java.util.List;

/**
 * What restoring a data set would change, by path relative to the data set: files the backup would add,
 * files on disk it would remove, and files whose content differs.
 */
public record ChangeSummary(List<String> added, List<String> removed, List<String> changed) {

    public ChangeSummary {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
