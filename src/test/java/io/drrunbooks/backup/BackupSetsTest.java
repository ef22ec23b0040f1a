package io.drrunbooks.backup;

import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static io.drrunbooks.testsupport.PlatformGodFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupSetsTest {

    @TempDir
    Path temp;
    Path root;
    Path backupRoot;
    TargetLayout layout;
    BackupSets sets;

    @BeforeEach
    void setUp() {
        root = temp.resolve("platform-god");
        backupRoot = temp.resolve("backups");
        layout = PlatformGodFixture.create(root);
        sets = new BackupSets(new BackupOptions(backupRoot, PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"), "1.2.3"));
    }

    @Test
    void gnuTarListsAndExtractsEveryArchiveByteForByte() {
        BackupSet set = sets.write(layout, layout.dataSets());

        assertThat(set.id()).isEqualTo("20250120_020000");
        assertThat(set.directory()).isEqualTo(backupRoot.resolve("20250120_020000"));
        assertThat(set.dataSets()).containsExactly("registry", "state", "artifacts", "audit", "cache", "config");
        for (String name : List.of("registry", "state", "artifacts", "audit", "cache")) {
            String listing = run(set.directory(), "tar", "-tzf", set.archive(name).toString());
            assertThat(listing.lines().findFirst()).contains("var/" + name + "/");
            Path extracted = temp.resolve("gnu-" + name);
            run(set.directory(), "mkdir", "-p", extracted.toString());
            run(set.directory(), "tar", "-xzf", set.archive(name).toString(), "-C", extracted.toString());
            assertThat(hashes(extracted.resolve("var/" + name))).isEqualTo(hashes(root.resolve("var/" + name))).isNotEmpty();
        }
        assertThat(run(set.directory(), "tar", "-tzf", set.archive("config").toString()).lines().toList())
                .containsExactly(".env", "chains.yaml");
        assertThat(run(set.directory(), "tar", "-tzf", set.archive("artifacts").toString()))
                .contains(PlatformGodFixture.LONG_NAME);
    }

    @Test
    void sha256sumChecksTheArchivesAndTheSpecsRestoreCommandRestoresThem() {
        BackupSet set = sets.write(layout, layout.dailyDataSets());

        assertThat(run(set.directory(), "sha256sum", "-c", "SHA256SUMS"))
                .contains("registry.tar.gz: OK", "config.tar.gz: OK").doesNotContain("FAILED");
        Path newServer = temp.resolve("new-server");
        run(temp, "mkdir", "-p", newServer.toString());
        for (String name : List.of("registry", "state", "artifacts", "audit", "config")) {
            run(temp, "tar", "-xzf", set.archive(name).toString(), "-C", newServer.toString());
        }
        assertThat(hashes(newServer)).isEqualTo(withoutCache(hashes(root)));
    }

    @Test
    void manifestsDescribeEveryArchiveAndFile() throws IOException {
        BackupSet set = sets.write(layout, layout.dailyDataSets());

        ArchiveRecord registry = set.archiveRecord("registry").orElseThrow();
        assertThat(registry.sha256()).isEqualTo(PlatformGodFixture.sha256(set.archive("registry")));
        assertThat(registry.size()).isEqualTo(Files.size(set.archive("registry")));
        assertThat(registry.entries()).isEqualTo(5); // var/registry/, agents/, two agents, index.yml
        assertThat(registry.files()).extracting(FileRecord::path).containsExactly(
                "var/registry/agents/alpha.yaml", "var/registry/agents/beta.yaml", "var/registry/index.yml");
        FileRecord alpha = registry.file("var/registry/agents/alpha.yaml").orElseThrow();
        assertThat(alpha.sha256()).isEqualTo(PlatformGodFixture.sha256(root.resolve("var/registry/agents/alpha.yaml")));
        assertThat(alpha.mode()).isEqualTo(644);
        assertThat(alpha.permissionBits()).isEqualTo(0644);
        assertThat(set.sizeBytes()).isEqualTo(set.manifest().archives().stream().mapToLong(ArchiveRecord::size).sum());
        assertThat(set.createdAt()).hasToString("2025-01-20T02:00:00Z");

        String json = Files.readString(set.directory().resolve("manifest.json"));
        assertThat(json).contains("\"formatVersion\" : 1", "\"toolVersion\" : \"1.2.3\"", "\"createdAt\" : \"2025-01-20T02:00:00Z\"")
                .doesNotContain("origin");
        assertThat(Files.readString(set.directory().resolve("manifest.txt")))
                .contains("Backup Date: Mon Jan 20 02:00:00 UTC 2025", "Platform God Version: 1.2.3",
                        "  - registry.tar.gz (Agent definitions)", "  - config.tar.gz (Configuration)");
        assertThat(sets.open(set.id())).isEqualTo(set);
    }

    @Test
    void idsStayUniqueAndListingIsNewestFirstIgnoringPartialAndForeignDirectories() throws IOException {
        BackupSet first = sets.write(layout, layout.dailyDataSets());
        BackupSet second = sets.write(layout, layout.dailyDataSets());
        Files.createDirectories(backupRoot.resolve(".20250120_030000.partial"));
        Files.createDirectories(backupRoot.resolve("not-a-set"));
        Files.createDirectories(backupRoot.resolve("20250120_040000")); // no manifest: incomplete

        assertThat(second.id()).isEqualTo("20250120_020001");
        assertThat(sets.list()).extracting(BackupSet::id).containsExactly(second.id(), first.id());
    }

    @Test
    void missingConfigFileIsSkippedAndRecordedButAMissingDirectoryFailsWithoutLeavingAPartialSet() throws IOException {
        Files.delete(root.resolve("chains.yaml"));
        BackupSet set = sets.write(layout, layout.dataSets(List.of("config")));
        assertThat(set.archiveRecord("config").orElseThrow().skipped()).containsExactly("chains.yaml: missing");
        assertThat(set.archiveRecord("config").orElseThrow().files()).extracting(FileRecord::path).containsExactly(".env");

        run(root, "rm", "-r", root.resolve("var/state").toString());
        assertThatThrownBy(() -> sets.write(layout, layout.dailyDataSets()))
                .isInstanceOf(BackupException.class).hasMessageContaining("data set state").hasMessageContaining("var/state");
        try (Stream<Path> left = Files.list(backupRoot)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(set.id());
        }
    }

    @Test
    void keepsSymlinksInsideTheDataSetAndSkipsEscapingOnesAndFifos() throws IOException {
        Files.createSymbolicLink(root.resolve("var/registry/current.yaml"), Path.of("agents/alpha.yaml"));
        Files.createSymbolicLink(root.resolve("var/registry/passwd"), Path.of("../../../etc/passwd"));
        run(root, "mkfifo", root.resolve("var/registry/pipe").toString());

        BackupSet set = sets.write(layout, layout.dataSets(List.of("registry")));

        assertThat(set.archiveRecord("registry").orElseThrow().skipped()).containsExactlyInAnyOrder(
                "var/registry/passwd: symlink to ../../../etc/passwd leads outside the data set",
                "var/registry/pipe: not a file, directory or symlink (socket, FIFO or device)");
        assertThat(run(temp, "tar", "-tvzf", set.archive("registry").toString()))
                .contains("var/registry/current.yaml -> agents/alpha.yaml").doesNotContain("passwd", "pipe");
    }

    @Test
    void opensASetWrittenByTheSpecsScriptAndCachesItsComputedManifest() throws IOException {
        Path legacyDirectory = PlatformGodFixture.writeSetWithSpecScript(root, backupRoot, "20250119_020000");

        BackupSet legacy = sets.list().get(0);

        assertThat(legacy.id()).isEqualTo("20250119_020000");
        assertThat(legacy.legacy()).isTrue();
        assertThat(legacy.manifest().origin()).isEqualTo("backup_platform_god.sh");
        assertThat(legacy.manifest().toolVersion()).isEqualTo("0.1.0");
        assertThat(legacy.dataSets()).containsExactlyInAnyOrder("registry", "state", "artifacts", "audit", "config");
        ArchiveRecord registry = legacy.archiveRecord("registry").orElseThrow();
        assertThat(registry.sha256()).isEqualTo(PlatformGodFixture.sha256(legacyDirectory.resolve("registry.tar.gz")));
        assertThat(registry.files()).extracting(FileRecord::path).contains("var/registry/agents/alpha.yaml");
        assertThat(registry.file("var/registry/index.yml").orElseThrow().sha256())
                .isEqualTo(PlatformGodFixture.sha256(root.resolve("var/registry/index.yml")));
        assertThat(legacy.archiveRecord("config").orElseThrow().paths()).containsExactly(".env", "chains.yaml");
        assertThat(Files.readString(legacyDirectory.resolve("manifest.json"))).contains("\"origin\" : \"backup_platform_god.sh\"");
        assertThat(sets.open(legacyDirectory)).isEqualTo(legacy);
    }

    @Test
    void aLegacySetWithAnUnreadableArchiveCannotBeOpened() throws IOException {
        Path legacyDirectory = PlatformGodFixture.writeSetWithSpecScript(root, backupRoot, "20250119_020000");
        Files.write(legacyDirectory.resolve("state.tar.gz"), "not gzip at all".getBytes());

        assertThatThrownBy(() -> sets.open("20250119_020000")).isInstanceOf(BackupException.class)
                .hasMessageContaining("20250119_020000").hasMessageContaining("state.tar.gz");
        assertThat(legacyDirectory.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void malformedOrUnknownManifestsAreReportedWithTheSet() throws IOException {
        BackupSet set = sets.write(layout, layout.dataSets(List.of("registry")));
        Path json = set.directory().resolve("manifest.json");
        String original = Files.readString(json);

        Files.writeString(json, original.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
        assertThatThrownBy(() -> sets.open(set.id())).isInstanceOf(BackupException.class)
                .hasMessageContaining(set.id()).hasMessageContaining("formatVersion 7");
        Files.writeString(json, original.substring(0, original.length() / 2));
        assertThatThrownBy(() -> sets.open(set.id())).isInstanceOf(BackupException.class)
                .hasMessageContaining(set.id()).hasMessageContaining("malformed");
        Files.delete(json);
        Files.delete(set.directory().resolve("manifest.txt"));
        assertThatThrownBy(() -> sets.open(set.id())).isInstanceOf(BackupException.class)
                .hasMessageContaining(set.id()).hasMessageContaining("no manifest.json or manifest.txt");
    }

    @Test
    void setsThatDoNotOpenAreCataloguedWithTheirProblemInTheirPlaceAndNeverListed() throws IOException {
        BackupSet good = sets.write(layout, layout.dataSets(List.of("registry")));
        BackupSet malformed = sets.write(layout, layout.dataSets(List.of("registry")));
        Path json = malformed.directory().resolve("manifest.json");
        Files.writeString(json, Files.readString(json).substring(0, 40));
        Path corrupt = PlatformGodFixture.writeSetWithSpecScript(root, backupRoot, "20250120_010000");
        Files.write(corrupt.resolve("state.tar.gz"), "not gzip at all".getBytes());

        List<ListedSet> catalogue = sets.catalogue();

        assertThat(catalogue).extracting(ListedSet::id).containsExactly(malformed.id(), good.id(), "20250120_010000");
        assertThat(catalogue.get(1)).isEqualTo(good);
        UnreadableSet notJson = (UnreadableSet) catalogue.get(0);
        assertThat(notJson.problem()).contains(malformed.id()).contains("manifest.json is malformed");
        assertThat(notJson.createdAt()).isEqualTo(Instant.parse("2025-01-20T02:00:01Z")); // its name, in UTC as manifest.txt says
        assertThat(notJson.legacy()).isFalse();
        assertThat(notJson.sizeBytes()).isGreaterThan(malformed.sizeBytes());
        UnreadableSet notGzip = (UnreadableSet) catalogue.get(2);
        assertThat(notGzip.problem()).contains("20250120_010000").contains("state.tar.gz");
        assertThat(notGzip.legacy()).isTrue();
        assertThat(notGzip.directory()).isEqualTo(corrupt);
        assertThat(sets.list()).containsExactly(good);
        assertThat(sets.listed(malformed.id())).isEqualTo(notJson);
        assertThat(sets.listed(good.id())).isEqualTo(good);
    }

    @Test
    void aScriptSetPastTheCeilingOnItsFirstReadIsCataloguedWithWhy() {
        PlatformGodFixture.writeSetWithSpecScript(root, backupRoot, "20250119_020000");
        BackupSets ceiled = new BackupSets(new BackupOptions(backupRoot, PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"),
                "1.2.3", BackupOptions.DEFAULT_COMPRESSION_LEVEL, null, new LegacyCeiling(100, 1)));

        assertThat(ceiled.list()).isEmpty();
        assertThat(ceiled.catalogue()).singleElement().isInstanceOfSatisfying(UnreadableSet.class,
                set -> assertThat(set.problem()).contains("20250119_020000").contains("legacy-max-entries"));
        assertThat(backupRoot.resolve("20250119_020000/manifest.json")).doesNotExist();
    }

    @Test
    void aScriptSetIsTakenWhenItsNameSaysInTheZoneItsManifestNames() {
        Path central = PlatformGodFixture.writeSetWithSpecScript(root, backupRoot, "20240305_140000");
        PlatformGodFixture.write(central, "manifest.txt", "Backup Date: Tue Mar  5 14:03:07 CET 2024\nPlatform God Version: 0.1.0\n");
        Path offset = PlatformGodFixture.writeSetWithSpecScript(root, backupRoot, "20240305_150000");
        PlatformGodFixture.write(offset, "manifest.txt", "Backup Date: Tue Mar  5 15:00:42 +0530 2024\nPlatform God Version: 0.1.0\n");
        Path undated = PlatformGodFixture.writeSetWithSpecScript(root, backupRoot, "20240305_120000");
        PlatformGodFixture.write(undated, "manifest.txt", "Platform God Version: 0.1.0\n");

        BackupSet cet = sets.open("20240305_140000");
        assertThat(cet.createdAt()).isEqualTo(Instant.parse("2024-03-05T13:00:00Z"));
        assertThat(cet.manifest().completedAt()).isEqualTo(Instant.parse("2024-03-05T13:03:07Z"));
        assertThat(sets.open("20240305_150000").createdAt()).isEqualTo(Instant.parse("2024-03-05T09:30:00Z"));
        assertThat(sets.open("20240305_120000").createdAt())
                .isEqualTo(LocalDateTime.parse("2024-03-05T12:00:00").atZone(ZoneId.systemDefault()).toInstant());
        // newest first by time taken, not by name: 14:00 CET (13:00Z) is newer than 15:00 +05:30 (09:30Z)
        assertThat(sets.list()).extracting(BackupSet::id).startsWith("20240305_140000");
    }

    @Test
    void theBackupDateIsReadOnlyWhenItsZoneIsTheOneThatWroteIt() {
        assertThat(ManifestText.backupDate("Backup Date: Fri Jul  5 14:03:07 CEST 2024\n")).hasValueSatisfying(
                date -> assertThat(date.toInstant()).isEqualTo(Instant.parse("2024-07-05T12:03:07Z")));
        assertThat(ManifestText.backupDate("Backup Date: Fri Jul  5 14:03:07 -03 2024\n")).hasValueSatisfying(
                date -> assertThat(date.toInstant()).isEqualTo(Instant.parse("2024-07-05T17:03:07Z")));
        // Java reads MST in July as Denver's daylight time, MDT, which is another hour than Arizona's MST
        assertThat(ManifestText.backupDate("Backup Date: Fri Jul  5 14:03:07 MST 2024\n")).isEmpty();
        assertThat(ManifestText.backupDate("Backup Date: Fri Jul  5 14:03:07 XYZ 2024\n")).isEmpty();
        assertThat(ManifestText.backupDate("Backup Date: 2024-07-05T14:03:07Z\n")).isEmpty();
        assertThat(ManifestText.backupDate("Platform God Version: 0.1.0\n")).isEmpty();
    }

    private static Map<String, String> withoutCache(Map<String, String> hashes) {
        hashes.keySet().removeIf(path -> path.startsWith("var/cache/"));
        return hashes;
    }
}
