package io.drrunbooks.backup;

import java.util.List;
import java.util.Optional;

/**
 * One data set's archive inside a set, as recorded in {@code manifest.json}.
 *
 * @param dataSet the data set's name
 * @param file    the archive's file name inside the set directory
 * @param size    the archive's size in bytes
 * @param sha256  the archive's sha256, lower-case hex
 * @param entries the number of tar entries (directories, files and links)
 * @param files   the regular files (hard links count as the file they link to)
 * @param kind    {@code directory} or {@code files}, like {@link io.drrunbooks.target.DataSet.Kind}
 * @param paths   the data set's paths relative to the target root: what entries may lie under
 * @param skipped what the writer left out on purpose and why (missing config file, escaping symlink, socket)
 * @param encryption how the archive is encrypted, or {@code null} for a plain {@code .tar.gz}
 * @param members the member index ({@link ArchiveMember}), empty for an archive written without one (by the spec's
 *                script, by versions before the index, or encrypted): such an archive is read in one serial pass
 */
public record ArchiveRecord(String dataSet, String file, long size, String sha256, int entries,
                            FileList files, String kind, List<String> paths, List<String> skipped,
                            ArchiveEncryption encryption, List<ArchiveMember> members) {

    public static final String DIRECTORY = "directory";
    public static final String FILES = "files";

    public ArchiveRecord {
        files = files == null ? FileList.of(List.of()) : files;
        members = members == null ? List.of() : List.copyOf(members);
        paths = paths == null ? List.of() : List.copyOf(paths);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public boolean isDirectory() {
        return DIRECTORY.equals(kind);
    }

    public Optional<FileRecord> file(String path) {
        return files.find(path);
    }

    /**
     * The part of an archive path inside the data set ({@code agents/a.yaml} for
     * {@code var/registry/agents/a.yaml}; the file name itself for a file-list data set),
     * or empty when the path lies outside it.
     */
    public Optional<String> insideDataSet(String archivePath) {
        if (!isDirectory()) {
            return paths.contains(archivePath) ? Optional.of(archivePath) : Optional.empty();
        }
        String directory = paths.get(0);
        if (archivePath.equals(directory)) {
            return Optional.of("");
        }
        return archivePath.startsWith(directory + "/")
                ? Optional.of(archivePath.substring(directory.length() + 1)) : Optional.empty();
    }
}
