package io.drrunbooks.backup;

import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static io.drrunbooks.testsupport.PlatformGodFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The parallel writer on data of the size that makes it cut many blocks, read back by GNU tools and by us. */
class ParallelBackupTest {

    @TempDir
    Path temp;
    Path root;
    TargetLayout layout;

    @BeforeEach
    void setUp() {
        root = temp.resolve("platform-god");
        layout = PlatformGodFixture.create(root);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            PlatformGodFixture.write(root, "var/state/runs/run-" + i + ".json", "{\"run\":" + i + ",\"status\":\"ok\"}\n");
        }
        byte[] binary = new byte[3_000_000];
        random.nextBytes(binary);
        PlatformGodFixture.write(root, "var/artifacts/bundle.bin", binary);
        PlatformGodFixture.write(root, "var/artifacts/report.json", "{\"line\":\"the same report line\"}\n".repeat(100_000));
    }

    @Test
    void manyBlocksOfTextAndRandomDataPassGzipTestAndGnuTarAndRandomDataIsStored() throws IOException {
        BackupSet set = sets(6).write(layout, layout.dailyDataSets());

        for (String name : List.of("registry", "state", "artifacts", "audit", "config")) {
            run(temp, "gzip", "-t", set.archive(name).toString());
        }
        Path extracted = temp.resolve("gnu");
        Files.createDirectories(extracted);
        run(temp, "tar", "-xzf", set.archive("artifacts").toString(), "-C", extracted.toString());
        run(temp, "tar", "-xzf", set.archive("state").toString(), "-C", extracted.toString());
        assertThat(hashes(extracted.resolve("var"))).containsAllEntriesOf(hashesUnder("var/artifacts"))
                .containsAllEntriesOf(hashesUnder("var/state"));
        // mostly random bytes, which are stored: 5 bytes per 64 KiB, about what gzip's futile deflate costs
        long gzip = Long.parseLong(run(root, "sh", "-c", "tar -cf - var/artifacts | gzip -6 | wc -c").trim());
        assertThat((double) Files.size(set.archive("artifacts"))).isBetween(gzip * 0.99, gzip * 1.01);
    }

    @Test
    void levelZeroStoresEverythingAndStaysReadable() {
        BackupSet set = sets(0).write(layout, layout.dataSets(List.of("artifacts")));

        run(temp, "gzip", "-t", set.archive("artifacts").toString());
        assertThat(set.archiveRecord("artifacts").orElseThrow().size()).isGreaterThan(6_000_000L);
    }

    @Test
    void anArchiveOfSeveralGzipMembersIsReadLikeGnuTarReadsIt() throws IOException {
        Path legacy = PlatformGodFixture.writeSetWithSpecScript(root, temp.resolve("backups"), "20250119_020000");
        // re-pack state.tar.gz as two gzip members, as `cat a.gz b.gz` or a member-per-block compressor makes it
        Path tar = temp.resolve("state.tar");
        run(temp, "sh", "-c", "gzip -dc " + legacy.resolve("state.tar.gz") + " > " + tar);
        byte[] bytes = Files.readAllBytes(tar);
        int half = bytes.length / 2;
        Files.write(temp.resolve("a"), Arrays.copyOfRange(bytes, 0, half));
        Files.write(temp.resolve("b"), Arrays.copyOfRange(bytes, half, bytes.length));
        run(temp, "sh", "-c", "gzip -c a > " + legacy.resolve("state.tar.gz") + " && gzip -c b >> " + legacy.resolve("state.tar.gz"));

        BackupSet set = sets(6).open(legacy);

        assertThat(set.archiveRecord("state").orElseThrow().files()).hasSize(2_000 + stateFilesOfTheFixture());
    }

    private BackupSets sets(int level) {
        return new BackupSets(new BackupOptions(temp.resolve("backups"), PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"),
                "1.2.3", level));
    }

    private Map<String, String> hashesUnder(String directory) {
        Map<String, String> hashes = new TreeMap<>();
        hashes(root.resolve(directory)).forEach((path, hash) -> hashes.put(directory.substring(4) + "/" + path, hash));
        return hashes;
    }

    private int stateFilesOfTheFixture() {
        return (int) hashes(root.resolve("var/state")).keySet().stream().filter(p -> !p.startsWith("runs/")).count();
    }
}
