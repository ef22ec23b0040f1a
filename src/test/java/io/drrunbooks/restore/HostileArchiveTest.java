package io.drrunbooks.restore;

import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.TamperedSets;
import io.drrunbooks.testsupport.TamperedSets.Entry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static io.drrunbooks.testsupport.TamperedSets.directory;
import static io.drrunbooks.testsupport.TamperedSets.file;
import static io.drrunbooks.testsupport.TamperedSets.hardLink;
import static io.drrunbooks.testsupport.TamperedSets.special;
import static io.drrunbooks.testsupport.TamperedSets.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Archives crafted to escape the data set, with manifests fixed up to agree with them, so only the entry rules
 * stand between them and the disk: each is refused naming the archive and the entry, and nothing changes.
 */
class HostileArchiveTest {

    @TempDir
    Path temp;

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                arguments("parent directory", "var/registry/../../evil", List.of(file("var/registry/../../evil", "boom"))),
                arguments("absolute path", "/var/registry/evil", List.of(file("/var/registry/evil", "boom"))),
                arguments("symlink escaping, then a file through it", "var/registry/link",
                        List.of(symlink("var/registry/link", "../../.."), file("var/registry/link/evil", "boom"))),
                arguments("file through a symlink inside", "var/registry/alias/evil.yaml",
                        List.of(directory("var/registry/agents"), symlink("var/registry/alias", "agents"),
                                file("var/registry/alias/evil.yaml", "boom"))),
                arguments("hard link escaping", "var/registry/passwd",
                        List.of(hardLink("var/registry/passwd", "var/registry/../../outside.txt"))),
                arguments("FIFO", "var/registry/fifo", List.of(special("var/registry/fifo", TarConstants.LF_FIFO))),
                arguments("character device", "var/registry/tty", List.of(special("var/registry/tty", TarConstants.LF_CHR))),
                arguments("duplicate entry", "var/registry/index.yml",
                        List.of(file("var/registry/index.yml", "agents: []\n"), file("var/registry/index.yml", "evil: true\n"))),
                arguments("another data set's path", "var/state/run-001.json", List.of(file("var/state/run-001.json", "{}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void isRefusedNamingArchiveAndEntryWithTheLiveTreeUntouched(String description, String entry, List<Entry> entries) {
        Path root = temp.resolve("platform-god");
        TargetLayout layout = PlatformGodFixture.create(root);
        PlatformGodFixture.write(temp, "outside.txt", "outside the target\n");
        BackupSets sets = new BackupSets(new BackupOptions(temp.resolve("backups"),
                PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"), "1.2.3"));
        BackupSet set = sets.write(layout, layout.dailyDataSets());
        List<Entry> archive = Stream.concat(Stream.of(directory("var/registry/")), entries.stream()).toList();
        TamperedSets.replaceArchive(set.directory(), "registry", archive);
        BackupSet hostile = sets.open(set.id());
        Map<String, String> before = hashes(temp);

        assertThatThrownBy(() -> new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), null))
                .restore(hostile, layout, List.of("registry"), "op-hostile"))
                .isInstanceOf(RestoreException.class)
                .hasMessageContaining("set " + set.id() + ", archive registry.tar.gz, entry " + entry + ": ");

        assertThat(hashes(temp)).isEqualTo(before);
        assertThat(root.resolve("var/.registry.staging.op-hostile")).doesNotExist();
        assertThat(root.resolve(".dr-restore/op-hostile.json")).doesNotExist();
        assertThat(Files.exists(root.resolve("evil")) || Files.exists(temp.resolve("evil")) || Files.exists(Path.of("/var/registry/evil")))
                .isFalse();
    }
}
