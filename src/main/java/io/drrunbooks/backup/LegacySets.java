package io.drrunbooks.backup;

import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Computes the manifest of a set written by the spec's {@code backup_platform_god.sh}, which only leaves
 * a {@code manifest.txt}: one streaming pass per archive measures what this product would have recorded.
 * Which paths an archive may hold comes from Platform God's layout, never from the archive itself.
 */
final class LegacySets {

    private static final String SUFFIX = ".tar.gz";
    private static final TargetLayout PLATFORM_GOD = TargetLayout.platformGod(Path.of("/"));

    private LegacySets() {
    }

    /** Each archive's first read is bounded by {@code ceiling}: nothing else bounds it yet. */
    static Manifest compute(Path setDirectory, String id, LegacyCeiling ceiling) {
        try (Stream<Path> listing = Files.list(setDirectory)) {
            List<ArchiveRecord> archives = new ArrayList<>();
            for (Path archive : listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                archives.add(describe(id, archive, ceiling.forArchive(Files.size(archive))));
            }
            Path textFile = setDirectory.resolve(ManifestText.FILE);
            String text = Files.readString(textFile, StandardCharsets.UTF_8);
            String toolVersion = ManifestText.toolVersion(text).orElse("unknown");
            Optional<ZonedDateTime> written = ManifestText.backupDate(text);
            Instant completedAt = written.isPresent() ? written.get().toInstant() : Files.getLastModifiedTime(textFile).toInstant();
            return new Manifest(Manifest.FORMAT_VERSION, id, takenAt(id, written), completedAt, toolVersion, null,
                    Manifest.LEGACY_ORIGIN, archives);
        } catch (IOException e) {
            throw new BackupException("set " + id + ": cannot read the legacy set in " + setDirectory + ": " + e, e);
        }
    }

    /**
     * When a set was taken: its name is {@code date +%Y%m%d_%H%M%S} as the script began, in the local time of the host
     * that ran it, so it is read in the zone of the manifest's {@code Backup Date:} ({@code date} as the script ended),
     * else in this JVM's zone. A set this product wrote has a {@code Backup Date:} in UTC, its name's zone; one with
     * no manifest.txt at all can only be this product's.
     */
    static Instant takenAt(Path setDirectory, String id) {
        Path textFile = setDirectory.resolve(ManifestText.FILE);
        if (!Files.isRegularFile(textFile)) {
            return SetIds.localTime(id).toInstant(ZoneOffset.UTC);
        }
        try {
            return takenAt(id, ManifestText.backupDate(Files.readString(textFile, StandardCharsets.UTF_8)));
        } catch (IOException unreadable) {
            return takenAt(id, Optional.empty());
        }
    }

    private static Instant takenAt(String id, Optional<ZonedDateTime> written) {
        ZoneId zone = written.map(ZonedDateTime::getZone).orElse(ZoneId.systemDefault());
        return SetIds.localTime(id).atZone(zone).toInstant();
    }

    private static ArchiveRecord describe(String id, Path archive, ArchiveLimits limits) {
        String fileName = archive.getFileName().toString();
        String dataSet = fileName.substring(0, fileName.length() - SUFFIX.length());
        Map<String, FileRecord> files = new LinkedHashMap<>();
        ArchiveDigest digest = ArchiveScanner.scan(id, archive, limits, null, new ArchiveVisitor() {
            @Override
            public void entry(TarArchiveEntry entry, InputStream content) {
                FileRecord linked = files.get(entry.getLinkName());
                if (entry.isLink() && linked != null) {
                    // GNU tar stores a second name of a file as a hard link; it restores as the same content.
                    files.put(entry.getName(), new FileRecord(entry.getName(), linked.size(), linked.mode(), linked.sha256()));
                }
            }

            @Override
            public void contentRead(TarArchiveEntry entry, long size, String sha256) {
                if (entry.isFile() && !entry.isLink()) {
                    files.put(entry.getName(), new FileRecord(entry.getName(), size, FileRecord.octalDigits(entry.getMode()), sha256));
                }
            }
        });
        DataSet known = PLATFORM_GOD.dataSet(dataSet).orElse(null);
        String kind = known != null && known.kind() == DataSet.Kind.FILES ? ArchiveRecord.FILES : ArchiveRecord.DIRECTORY;
        List<String> paths = known != null ? known.paths() : List.of("var/" + dataSet);
        return new ArchiveRecord(dataSet, fileName, digest.size(), digest.sha256(), digest.entries(),
                FileList.of(List.copyOf(files.values())), kind, paths, List.of(), null, List.of());
    }
}
