package io.drrunbooks.restore;

import io.drrunbooks.backup.ArchiveRefusedException;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.LegacyCeiling;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.TamperedSets;
import io.drrunbooks.verify.SetVerifier;
import io.drrunbooks.verify.Verification;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real gzip bombs: archives that expand to far more than the set's manifest records, whose archive size, sha256
 * and entry count an attacker has fixed up to agree. Each is stopped while it is read, naming set, archive and
 * entry, by restore and verification alike, and the live tree stays byte-identical.
 */
class DecompressionBombTest {

    private static final int MIB = 1024 * 1024;
    private static final String INDEX = "var/registry/index.yml";

    @TempDir
    Path temp;
    Path root;
    TargetLayout layout;
    BackupSets sets;
    BackupSet set;

    @BeforeEach
    void setUp() {
        root = temp.resolve("platform-god");
        layout = PlatformGodFixture.create(root);
        sets = new BackupSets(new BackupOptions(temp.resolve("backups"), PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"), "1.2.3"));
        set = sets.write(layout, layout.dailyDataSets());
    }

    @Test
    void aFileOfManyMebibytesOfZerosWhereTheManifestClaimsAFewBytesIsRefusedBeforeItIsWritten() throws IOException {
        byte[] index = Files.readAllBytes(root.resolve(INDEX));
        writeBomb(tar -> {
            directory(tar, "var/registry/");
            zeros(tar, INDEX, 64 * MIB);
        }, 0);
        // the manifest still declares index.yml as the real, small file; only the archive's own record is fixed up
        fixArchiveRecord(2);

        String expected = "set " + set.id() + ", archive registry.tar.gz, entry " + INDEX + ": size " + 64 * MIB
                + " bytes in its tar header, manifest says " + index.length;
        assertRefusedEverywhere(expected);
    }

    @Test
    void zerosAfterTheLastEntryRunPastTheManifestsSizeAndStopTheRead() throws IOException {
        byte[] index = Files.readAllBytes(root.resolve(INDEX));
        writeBomb(tar -> {
            directory(tar, "var/registry/");
            file(tar, INDEX, index);
        }, 64 * MIB);
        TamperedSets.editArchiveRecord(set.directory(), "registry", record -> record.putArray("files").addObject()
                .put("path", INDEX).put("size", index.length).put("mode", 644).put("sha256", PlatformGodFixture.sha256(index)));
        fixArchiveRecord(2);

        assertRefusedEverywhere("set " + set.id() + ", archive registry.tar.gz, entry (past the end, after " + INDEX
                + "): uncompressed, the archive runs past ");
    }

    @Test
    void farMoreEntriesThanTheManifestListsAreRefusedAtTheFirstOneTooMany() throws IOException {
        writeBomb(tar -> {
            directory(tar, "var/registry/");
            for (int i = 0; i < 20_000; i++) {
                directory(tar, "var/registry/d" + i + "/");
            }
        }, 0);
        TamperedSets.editArchiveRecord(set.directory(), "registry", record -> record.putArray("files"));
        fixArchiveRecord(3);

        assertRefusedEverywhere("set " + set.id() + ", archive registry.tar.gz, entry var/registry/d2/: more than 3 entries,"
                + " past what its manifest records (0 files, 3 entries)");
    }

    @Test
    void aLegacySetsFirstReadIsBoundedByTheCeiling() throws IOException {
        PlatformGodFixture.write(root, "var/state/zeros.bin", new byte[64 * MIB]);
        Path legacy = PlatformGodFixture.writeSetWithSpecScript(root, temp.resolve("legacy"), "20250119_020000");
        Map<String, String> tree = hashes(temp);

        BackupSets legacySets = new BackupSets(new BackupOptions(temp.resolve("legacy"), Clock.systemUTC(), "1.2.3"));
        assertThatThrownBy(() -> legacySets.open(legacy))
                .isInstanceOf(ArchiveRefusedException.class)
                .hasMessageStartingWith("set 20250119_020000, archive state.tar.gz, entry var/state/zeros.bin: uncompressed,")
                .hasMessageContaining("dr.backup.legacy-max-ratio");
        assertThat(hashes(temp)).isEqualTo(tree);

        BackupSets generous = new BackupSets(new BackupOptions(temp.resolve("legacy"), Clock.systemUTC(), "1.2.3", 6, null,
                new LegacyCeiling(10_000, 1_000)));
        assertThat(new SetVerifier().verify(generous.open(legacy)).ok()).isTrue();
    }

    private void assertRefusedEverywhere(String expected) {
        BackupSet bomb = sets.open(set.id());
        Map<String, String> before = hashes(temp);

        Verification verification = new SetVerifier().verify(bomb);
        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).startsWith(expected);
        assertThatThrownBy(() -> new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), null))
                .restore(bomb, layout, List.of("registry", "state"), "op-bomb"))
                .isInstanceOf(RestoreException.class)
                .hasMessageStartingWith(expected);

        assertThat(hashes(temp)).isEqualTo(before);
        assertThat(root.resolve("var/.registry.staging.op-bomb")).doesNotExist();
        assertThat(root.resolve("var/.state.staging.op-bomb")).doesNotExist();
    }

    private interface TarContent {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    /** A real tar.gz, gzip'd as one stream; {@code trailingZeros} more zero bytes follow the tar inside the gzip. */
    private void writeBomb(TarContent content, int trailingZeros) throws IOException {
        try (OutputStream out = Files.newOutputStream(set.directory().resolve("registry.tar.gz"));
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out)) {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip);
            content.write(tar);
            tar.finish();
            byte[] zeros = new byte[MIB];
            for (int written = 0; written < trailingZeros; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        assertThat(Files.size(set.directory().resolve("registry.tar.gz"))).isLessThan(MIB);
    }

    private void fixArchiveRecord(int entries) {
        Path archive = set.directory().resolve("registry.tar.gz");
        TamperedSets.editArchiveRecord(set.directory(), "registry", record -> {
            try {
                record.put("size", Files.size(archive));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            record.put("sha256", PlatformGodFixture.sha256(archive));
            record.put("entries", entries);
            record.remove("members"); // the crafted archive is one gzip member, with no index
        });
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void zeros(TarArchiveOutputStream tar, String name, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        byte[] zeros = new byte[MIB];
        for (long written = 0; written < size; written += zeros.length) {
            tar.write(zeros);
        }
        tar.closeArchiveEntry();
    }
}
