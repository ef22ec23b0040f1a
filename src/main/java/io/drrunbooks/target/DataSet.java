package io.drrunbooks.target;

import java.util.List;
import java.util.Objects;

/**
 * One unit of backup and restore: either a directory under the target root ({@code var/registry})
 * or a fixed list of files at the root ({@code .env}, {@code chains.yaml} as the data set
 * {@code config}). Paths are relative to the target root, with forward slashes, exactly as they
 * are stored inside the data set's archive.
 *
 * @param name    the data set's name, also its archive's base name ({@code registry.tar.gz})
 * @param kind    directory or file list
 * @param paths   for a directory, one path; for a file list, the files
 * @param daily   whether daily backup sets include it (the spec backs up {@code var/cache} weekly)
 */
public record DataSet(String name, Kind kind, List<String> paths, boolean daily) {

    public enum Kind { DIRECTORY, FILES }

    public DataSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        paths = List.copyOf(paths);
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("data set name '" + name + "' must be lower-case letters, digits and dashes");
        }
        if (kind == Kind.DIRECTORY && paths.size() != 1) {
            throw new IllegalArgumentException("directory data set '" + name + "' needs exactly one path, got " + paths);
        }
        for (String path : paths) {
            if (path.isBlank() || path.startsWith("/") || path.contains("\\") || path.endsWith("/")
                    || List.of(path.split("/")).stream().anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
                throw new IllegalArgumentException("data set '" + name + "': path '" + path
                        + "' must be relative to the target root, without '.', '..' or a trailing slash");
            }
        }
    }

    public static DataSet directory(String name, String path, boolean daily) {
        return new DataSet(name, Kind.DIRECTORY, List.of(path), daily);
    }

    public static DataSet files(String name, List<String> files, boolean daily) {
        return new DataSet(name, Kind.FILES, files, daily);
    }

    /** The archive file name inside a backup set. */
    public String archiveName() {
        return name + ".tar.gz";
    }

    /** For a directory data set, its path relative to the target root. */
    public String directory() {
        if (kind != Kind.DIRECTORY) {
            throw new IllegalStateException("data set '" + name + "' is a file list, not a directory");
        }
        return paths.get(0);
    }
}
