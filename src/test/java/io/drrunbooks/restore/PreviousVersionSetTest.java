package io.drrunbooks.restore;

import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.verify.SetVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A set exactly as the version before the member index wrote it (src/test/resources/sets/before-member-index: the
 * fixture tree backed up by that version's command line; only the directory's name is a fixed id): one gzip member
 * per archive, GNU tar's 10 KiB records, the manifest as Jackson data binding wrote it. It still opens, verifies and
 * restores, in one pass per archive.
 */
class PreviousVersionSetTest {

    @TempDir
    Path temp;

    @Test
    void aSetOfThePreviousVersionOpensVerifiesAndRestores() throws IOException {
        Path backups = temp.resolve("backups");
        copy(Path.of("src/test/resources/sets/before-member-index"), backups);
        BackupSets sets = new BackupSets(new BackupOptions(backups, PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), "now"));
        BackupSet set = sets.open("20250120_020000");
        assertThat(set.dataSets()).containsExactly("registry", "state", "artifacts", "audit", "config");
        assertThat(set.dataSets()).noneMatch(set::hasMemberIndex);
        assertThat(new SetVerifier().verify(set).ok()).isTrue();

        Path original = temp.resolve("original");
        PlatformGodFixture.create(original);
        Path root = temp.resolve("platform-god");
        TargetLayout layout = PlatformGodFixture.create(root);
        PlatformGodFixture.write(root, "var/registry/agents/alpha.yaml", "broken: [\n");
        new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), null))
                .restore(set, layout, List.of("registry", "state", "artifacts", "audit"), "op-previous");

        for (String data : List.of("registry", "state", "artifacts", "audit")) {
            assertThat(hashes(root.resolve("var/" + data))).isEqualTo(hashes(original.resolve("var/" + data)));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
