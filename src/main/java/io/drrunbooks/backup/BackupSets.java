package io.drrunbooks.backup;

import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes, lists and opens the backup sets under one backup root. See {@code package-info.java}. */
public final class BackupSets {

    private final BackupOptions options;

    public BackupSets(BackupOptions options) {
        this.options = options;
    }

    /** Writes a new set of the given data sets atomically: it appears complete under its id, or not at all. */
    public BackupSet write(TargetLayout layout, Collection<DataSet> dataSets) {
        Instant createdAt = options.clock().instant();
        SetIds.Reservation reservation;
        try {
            Files.createDirectories(options.backupRoot());
            reservation = SetIds.reserve(options.backupRoot(), createdAt);
        } catch (IOException e) {
            throw new BackupException("cannot create a set under " + options.backupRoot() + ": " + e, e);
        }
        Path partial = reservation.partial();
        try {
            List<ArchiveRecord> archives = ParallelArchives.write(layout.root(), dataSets, partial, options);
            SetFiles.writeText(partial.resolve(ManifestText.FILE), ManifestText.render(createdAt, options.toolVersion(), archives));
            SetFiles.writeText(partial.resolve(SetFiles.SHA256SUMS), archives.stream()
                    .map(a -> a.sha256() + "  " + a.file() + "\n").collect(Collectors.joining()));
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, reservation.id(), createdAt, options.clock().instant(),
                    options.toolVersion(), layout.root().toString(), null, archives);
            // Last: a set directory with manifest.json is complete.
            SetFiles.writeManifest(partial.resolve(SetFiles.MANIFEST_JSON), manifest);
            for (DataSet dataSet : dataSets) {
                FileSpool.delete(partial, dataSet.name());
            }
            Path complete = options.backupRoot().resolve(reservation.id());
            Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
            SetFiles.syncDirectory(options.backupRoot());
            return open(complete);
        } catch (IOException | RuntimeException e) {
            SetFiles.deleteTree(partial);
            if (e instanceof BackupException backupException) {
                throw backupException;
            }
            throw new BackupException("set " + reservation.id() + ": " + e, e);
        }
    }

    /** The complete sets that open, newest first, including sets written by the spec's script. */
    public List<BackupSet> list() {
        return catalogue().stream().filter(BackupSet.class::isInstance).map(BackupSet.class::cast).toList();
    }

    /**
     * Every directory that looks like a complete set, newest first: the sets that open and, in their place, those
     * that do not ({@link UnreadableSet}, with why), so a damaged set is reported rather than left out.
     */
    public List<ListedSet> catalogue() {
        if (!Files.isDirectory(options.backupRoot())) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(options.backupRoot())) {
            List<ListedSet> sets = new ArrayList<>();
            for (Path directory : children.filter(BackupSets::looksLikeCompleteSet).toList()) {
                sets.add(listed(directory));
            }
            // by time taken, not by name: the spec's script names its sets in its host's local time, this product in UTC
            sets.sort(Comparator.comparing(ListedSet::createdAt).thenComparing(ListedSet::id).reversed());
            return sets;
        } catch (IOException e) {
            throw new BackupException("cannot list " + options.backupRoot() + ": " + e, e);
        }
    }

    /** The set with this id as the catalogue lists it: open, or unreadable with why. */
    public ListedSet listed(String id) {
        return listed(directory(id));
    }

    public BackupSet open(String id) {
        return open(directory(id));
    }

    private Path directory(String id) {
        if (!SetIds.isId(id)) {
            throw new BackupException("'" + id + "' is not a set id (YYYYMMDD_HHMMSS)");
        }
        return options.backupRoot().resolve(id);
    }

    private ListedSet listed(Path directory) {
        try {
            return open(directory);
        } catch (BackupException unreadable) {
            String id = directory.getFileName().toString();
            return new UnreadableSet(id, directory.toAbsolutePath().normalize(), LegacySets.takenAt(directory, id),
                    SetFiles.sizeOnDisk(directory), !Files.isRegularFile(directory.resolve(SetFiles.MANIFEST_JSON)),
                    unreadable.getMessage());
        }
    }

    /** Opens a set directory; a legacy set's manifest is computed once and cached as its manifest.json. */
    public BackupSet open(Path setDirectory) {
        Path directory = setDirectory.toAbsolutePath().normalize();
        String id = directory.getFileName().toString();
        Path json = directory.resolve(SetFiles.MANIFEST_JSON);
        if (Files.isRegularFile(json)) {
            Manifest manifest = SetFiles.readManifest(json, id);
            return new BackupSet(id, directory, manifest, Manifest.LEGACY_ORIGIN.equals(manifest.origin()),
                    options.encryptionKey());
        }
        if (!Files.isRegularFile(directory.resolve(ManifestText.FILE))) {
            throw new BackupException("set " + id + ": no " + SetFiles.MANIFEST_JSON + " or " + ManifestText.FILE
                    + " in " + directory + " (missing or incomplete set)");
        }
        Manifest manifest = LegacySets.compute(directory, id, options.legacyCeiling());
        try {
            SetFiles.writeManifest(json, manifest);
        } catch (IOException readOnly) {
            // A read-only backup medium: the manifest stays in memory and is computed again next time.
        }
        return new BackupSet(id, directory, manifest, true, options.encryptionKey());
    }

    private static boolean looksLikeCompleteSet(Path directory) {
        return SetIds.isId(directory.getFileName().toString()) && Files.isDirectory(directory)
                && (Files.isRegularFile(directory.resolve(SetFiles.MANIFEST_JSON))
                || Files.isRegularFile(directory.resolve(ManifestText.FILE)));
    }
}
