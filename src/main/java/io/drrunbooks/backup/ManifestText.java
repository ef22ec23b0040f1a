package io.drrunbooks.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The spec's human {@code manifest.txt}; its restore script refuses a set directory without one. */
final class ManifestText {

    static final String FILE = "manifest.txt";
    private static final String VERSION_LABEL = "Platform God Version: ";
    /** The format of {@code date} with no arguments. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy", Locale.ROOT);
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "registry", "Agent definitions", "state", "Execution history", "artifacts", "Generated reports",
            "audit", "Audit logs", "cache", "LLM response cache", "config", "Configuration");

    private ManifestText() {
    }

    static String render(Instant createdAt, String toolVersion, List<ArchiveRecord> archives) {
        StringBuilder text = new StringBuilder()
                .append("Backup Date: ").append(DATE.format(createdAt.atZone(ZoneId.of("UTC")))).append('\n')
                .append(VERSION_LABEL).append(toolVersion).append('\n')
                .append("Files Included:\n");
        for (ArchiveRecord archive : archives) {
            String description = DESCRIPTIONS.get(archive.dataSet());
            text.append("  - ").append(archive.file()).append(description == null ? "" : " (" + description + ")").append('\n');
        }
        return text.toString();
    }

    /** The version line of a manifest.txt, which the spec's script fills from {@code pgod version}. */
    static Optional<String> toolVersion(String text) {
        return text.lines().filter(l -> l.startsWith(VERSION_LABEL))
                .map(l -> l.substring(VERSION_LABEL.length()).trim()).findFirst();
    }
}
