package io.drrunbooks.verify;

import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.TamperedSets;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.drrunbooks.testsupport.TamperedSets.directory;
import static io.drrunbooks.testsupport.TamperedSets.file;
import static org.assertj.core.api.Assertions.assertThat;

class SetVerifierTest {

    @TempDir
    Path temp;
    Path root;
    TargetLayout layout;
    BackupSets sets;
    BackupSet set;
    final SetVerifier verifier = new SetVerifier();

    @BeforeEach
    void setUp() {
        root = temp.resolve("platform-god");
        layout = PlatformGodFixture.create(root);
        sets = new BackupSets(new BackupOptions(temp.resolve("backups"), PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"), "1.2.3"));
        set = sets.write(layout, layout.dataSets());
    }

    @Test
    void aFreshSetVerifies() {
        Verification verification = verifier.verify(set);

        assertThat(verification.ok()).as(verification.message()).isTrue();
        assertThat(verification.message()).isEqualTo("set 20250120_020000: verified");
    }

    @Test
    void aFlippedByteInAnArchiveIsCaughtByItsChecksum() {
        TamperedSets.flipByte(set.archive("artifacts"));

        Verification verification = verifier.verify(set);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.archive()).isEqualTo("artifacts.tar.gz");
        assertThat(verification.message()).startsWith("set 20250120_020000, archive artifacts.tar.gz: sha256 ")
                .contains("altered or damaged");
    }

    @Test
    void aTruncatedArchiveIsReportedAsTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(set.archive("registry"));
        Files.write(set.archive("registry"), Arrays.copyOf(bytes, bytes.length - 20));

        assertThat(verifier.verify(set).message()).contains("archive registry.tar.gz", "(truncated)");
    }

    @Test
    void aTruncatedGzipStreamIsReportedEvenWhenTheManifestWasMadeToAgree() throws IOException {
        byte[] bytes = Files.readAllBytes(set.archive("artifacts"));
        Files.write(set.archive("artifacts"), Arrays.copyOf(bytes, bytes.length / 2));
        TamperedSets.editArchiveRecord(set.directory(), "artifacts", record -> record
                .put("size", bytes.length / 2).put("sha256", PlatformGodFixture.sha256(set.archive("artifacts"))));

        Verification verification = verifier.verify(sets.open(set.id()));

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).contains("archive artifacts.tar.gz", "not a readable tar.gz");
    }

    @Test
    void aTamperedFileChecksumInTheManifestNamesTheEntry() {
        TamperedSets.editArchiveRecord(set.directory(), "registry", record ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("files").get(0)).put("sha256", "0".repeat(64)));

        Verification verification = verifier.verify(sets.open(set.id()));

        assertThat(verification.entry()).isEqualTo("var/registry/agents/alpha.yaml");
        assertThat(verification.message()).contains("archive registry.tar.gz, entry var/registry/agents/alpha.yaml: sha256",
                "manifest says " + "0".repeat(64));
    }

    @Test
    void aTamperedArchiveChecksumInTheManifestIsCaught() {
        TamperedSets.editArchiveRecord(set.directory(), "state", record -> record.put("sha256", "f".repeat(64)));

        assertThat(verifier.verify(sets.open(set.id())).message()).contains("archive state.tar.gz: sha256");
    }

    @Test
    void aMissingArchiveIsReported() throws IOException {
        Files.delete(set.archive("audit"));

        Verification verification = verifier.verify(set);

        assertThat(verification.message()).contains("archive audit.tar.gz: archive missing");
        assertThat(verifier.verify(set, List.of("registry", "state")).ok()).isTrue();
    }

    @Test
    void filesMissingFromTheArchiveOrNotDeclaredInTheManifestAreReported() {
        TamperedSets.editArchiveRecord(set.directory(), "registry", record -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                record.get("files")).addObject().put("path", "var/registry/agents/ghost.yaml").put("size", 1)
                .put("mode", 644).put("sha256", "a".repeat(64)));
        assertThat(verifier.verify(sets.open(set.id())).message())
                .contains("entry var/registry/agents/ghost.yaml: declared in the manifest but missing from the archive");

        TamperedSets.editArchiveRecord(set.directory(), "registry", record -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                record.get("files")).remove(0));
        assertThat(verifier.verify(sets.open(set.id())).message())
                .contains("entry var/registry/agents/alpha.yaml: file not declared in the manifest");
    }

    @Test
    void hostileEntriesAreReportedWithArchiveAndEntry() {
        TamperedSets.replaceArchive(set.directory(), "registry", List.of(directory("var/registry/"),
                file("var/registry/agents/ok.yaml", "name: ok\n"), file("var/registry/../../evil", "boom")));

        Verification verification = verifier.verify(sets.open(set.id()));

        assertThat(verification.message()).isEqualTo("set 20250120_020000, archive registry.tar.gz, "
                + "entry var/registry/../../evil: path with an empty, '.' or '..' component");
    }

    @Test
    void aDeviceEntryIsReported() {
        TamperedSets.replaceArchive(set.directory(), "registry", List.of(directory("var/registry/"),
                TamperedSets.special("var/registry/null", TarConstants.LF_CHR)));

        assertThat(verifier.verify(sets.open(set.id())).message())
                .contains("archive registry.tar.gz, entry var/registry/null: device or FIFO entry");
    }

    @Test
    void aSetWrittenByTheSpecsScriptVerifiesAndItsLaterDamageIsCaught() {
        Path legacyDirectory = PlatformGodFixture.writeSetWithSpecScript(root, temp.resolve("backups"), "20250119_020000");
        BackupSet legacy = sets.open(legacyDirectory);

        assertThat(verifier.verify(legacy).ok()).as(verifier.verify(legacy).message()).isTrue();

        TamperedSets.flipByte(legacyDirectory.resolve("registry.tar.gz"));
        assertThat(verifier.verify(sets.open(legacyDirectory)).message()).contains("archive registry.tar.gz: sha256");
    }
}
