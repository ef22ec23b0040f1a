package io.drrunbooks.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The spec's human {@code manifest.txt}; its restore script refuses a set directory without one. */
final class ManifestText {

    static final String FILE = "manifest.txt";
    private static final String DATE_LABEL = "Backup Date: ";
    private static final String VERSION_LABEL = "Platform God Version: ";
    /** The format of {@code date} with no arguments (in the C locale, as cron runs the spec's script). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy", Locale.ROOT);
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "registry", "Agent definitions", "state", "Execution history", "artifacts", "Generated reports",
            "audit", "Audit logs", "cache", "LLM response cache", "config", "Configuration");

    private ManifestText() {
    }

    static String render(Instant createdAt, String toolVersion, List<ArchiveRecord> archives) {
        StringBuilder text = new StringBuilder()
                .append(DATE_LABEL).append(DATE.format(createdAt.atZone(ZoneId.of("UTC")))).append('\n')
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

    /**
     * The {@code Backup Date:} line, {@code $(date)} when the script wrote the manifest, with its zone: an abbreviation
     * ({@code CET}, {@code EDT}) or, for zones without one, an offset ({@code +03}). Empty when there is no such line,
     * or its abbreviation is one Java reads as another zone (BST as GMT): an abbreviation names several zones, the
     * reading prefers this JVM's own, and it must name the time it gives by that same abbreviation.
     */
    static Optional<ZonedDateTime> backupDate(String text) {
        return text.lines().filter(l -> l.startsWith(DATE_LABEL)).findFirst()
                .map(l -> l.substring(DATE_LABEL.length()).trim()).flatMap(ManifestText::parseDate);
    }

    private static Optional<ZonedDateTime> parseDate(String date) {
        DateTimeFormatter reader = new DateTimeFormatterBuilder().appendPattern("EEE MMM ppd HH:mm:ss ")
                .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
                .optionalStart().appendZoneText(TextStyle.SHORT, Set.of(ZoneId.systemDefault())).optionalEnd()
                .appendPattern(" yyyy").toFormatter(Locale.ROOT);
        try {
            ZonedDateTime parsed = ZonedDateTime.parse(date, reader);
            String[] words = date.split(" +");
            boolean named = parsed.getZone() instanceof ZoneOffset
                    || (words.length == 6 && ZONE_NAME.format(parsed).equals(words[4]));
            return named ? Optional.of(parsed) : Optional.empty();
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
