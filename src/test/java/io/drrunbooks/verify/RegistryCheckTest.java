package io.drrunbooks.verify;

import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCheckTest {

    @TempDir
    Path temp;
    Path root;
    TargetLayout layout;
    BackupSets sets;
    final RegistryCheck check = new RegistryCheck();

    @BeforeEach
    void setUp() {
        root = temp.resolve("platform-god");
        layout = PlatformGodFixture.create(root);
        sets = new BackupSets(new BackupOptions(temp.resolve("backups"), PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"), "1.2.3"));
    }

    @Test
    void aHealthyRegistryParsesOnDiskAndInsideItsArchive() {
        BackupSet set = sets.write(layout, layout.dataSets(List.of("registry")));

        assertThat(check.problems(root.resolve("var/registry"))).isEmpty();
        assertThat(check.problems(set, "registry")).isEmpty();
    }

    @Test
    void aCorruptAgentIsNamedWithItsLineOnDiskAndInsideTheArchive() {
        PlatformGodFixture.write(root, "var/registry/agents/beta.yaml", "name: beta\nmodel: large\n---\ntools: [unclosed\n");
        BackupSet set = sets.write(layout, layout.dataSets(List.of("registry")));

        assertThat(check.problems(root.resolve("var/registry")))
                .singleElement().asString().startsWith(root.resolve("var/registry/agents/beta.yaml") + ":5:");
        assertThat(check.problems(set, "registry"))
                .singleElement().asString().startsWith("registry.tar.gz:var/registry/agents/beta.yaml:5:");
    }

    @Test
    void classTagsAreRefusedBySafeLoading() {
        PlatformGodFixture.write(root, "var/registry/agents/evil.yml", "!!java.io.File [\"/etc/passwd\"]\n");

        assertThat(check.problems(root.resolve("var/registry"))).singleElement().asString()
                .contains("evil.yml:1:");
    }
}
