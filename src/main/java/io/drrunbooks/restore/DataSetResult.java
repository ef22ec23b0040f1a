package io.drrunbooks.restore;

import java.nio.file.Path;

/**
 * One restored data set.
 *
 * @param live       the live directory; for the file-list data set {@code config}, the target root
 * @param quarantine where the replaced directory was kept, or {@code null} when there was none; always
 *                   {@code null} for {@code config}, whose replaced files sit beside the live ones as
 *                   {@code <file>.replaced.<epoch>} (named in the {@code swapped} event)
 * @param files      regular files restored
 * @param bytes      their total size
 */
public record DataSetResult(String dataSet, Path live, Path quarantine, int files, long bytes) {
}
