package io.drrunbooks.backup;

import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            Path text = setDirectory.resolve(ManifestText.FILE);
            String toolVersion = ManifestText.toolVersion(Files.readString(text, StandardCharsets.UTF_8)).orElse("unknown");
            return new Manifest(Manifest.FORMAT_VERSION, id, SetIds.instant(id), Files.getLastModifiedTime(text).toInstant(),
                    toolVersion, null, Manifest.LEGACY_ORIGIN, archives);
        } catch (IOException e) {
            throw new BackupException("set " + id + ": cannot read the legacy set in " + setDirectory + ": " + e, e);
        }
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
                List.copyOf(files.values()), kind, paths, List.of(), null);
    }
}
