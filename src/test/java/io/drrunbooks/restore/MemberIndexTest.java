package io.drrunbooks.restore;

import io.drrunbooks.backup.ArchiveMember;
import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.TamperedSets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static io.drrunbooks.testsupport.PlatformGodFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Archives written as many gzip members with their index in manifest.json: standard gzip to GNU tools and to the
 * spec's restore script; the index describes the members exactly; a restore reads them in parallel and gets the
 * tree back; a damaged member or an index that lies is caught before the live tree is touched; a set without the
 * index (older versions, the spec's script) is restored in one pass as before.
 */
class MemberIndexTest {

    private static final long MEMBER_BYTES = 64 * 1024;

    @TempDir
    Path temp;
    Path root;
    TargetLayout layout;
    BackupSets sets;
    BackupSet set;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("platform-god");
        layout = PlatformGodFixture.create(root);
        Random random = new Random(15);
        for (int i = 0; i < 1_500; i++) {
            PlatformGodFixture.write(root, "var/state/runs/" + i / 500 + "/run-" + i + ".json",
                    "{\"run\":" + i + ",\"trace\":\"" + random.nextLong() + "\"}\n");
        }
        byte[] large = new byte[700_000]; // spans several members, cut inside its data
        random.nextBytes(large);
        PlatformGodFixture.write(root, "var/artifacts/bundle.bin", large);
        Files.createSymbolicLink(root.resolve("var/state/latest"), Path.of("runs/2"));
        sets = new BackupSets(new BackupOptions(temp.resolve("backups"), PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"),
                "1.2.3").withMemberBytes(MEMBER_BYTES));
        set = sets.write(layout, layout.dailyDataSets());
    }

    @Test
    void gnuGzipAndTarAndTheSpecsRestoreScriptReadTheMembersAsOneArchive() throws IOException {
        assertThat(set.archiveRecord("state").orElseThrow().members()).hasSizeGreaterThan(3);
        for (String name : List.of("registry", "state", "artifacts", "audit", "config")) {
            run(temp, "gzip", "-t", set.archive(name).toString());
            String listing = run(temp, "tar", "-tzf", set.archive(name).toString());
            assertThat(listing.lines().count()).isEqualTo(set.archiveRecord(name).orElseThrow().entries());
        }
        Path byScript = temp.resolve("by-script");
        Files.createDirectories(byScript);
        run(temp, "bash", "-c", "echo n | PGOD_ROOT=" + byScript + " " + Path.of("bench/spec/restore_platform_god.sh").toAbsolutePath()
                + " " + set.directory());
        for (String data : List.of("registry", "state", "artifacts", "audit")) {
            assertThat(hashes(byScript.resolve("var/" + data))).isEqualTo(hashes(root.resolve("var/" + data)));
        }
    }

    @Test
    void eachMemberStartsWhereTheIndexSaysWithTheEntryItNames() throws IOException {
        for (String name : List.of("state", "artifacts")) {
            ArchiveRecord record = set.archiveRecord(name).orElseThrow();
            byte[] archive = Files.readAllBytes(set.archive(name));
            byte[] tar = new GZIPInputStream(new ByteArrayInputStream(archive)).readAllBytes();
            List<ArchiveMember> members = record.members();
            for (int i = 0; i < members.size(); i++) {
                ArchiveMember member = members.get(i);
                long end = i + 1 < members.size() ? members.get(i + 1).offset() : archive.length;
                // each member is a complete gzip stream of its own, holding the tar stream from tarOffset on
                byte[] inflated = inflateOneMember(Arrays.copyOfRange(archive, (int) member.offset(), (int) end));
                assertThat(inflated).isEqualTo(Arrays.copyOfRange(tar, (int) member.tarOffset(), (int) member.tarOffset() + inflated.length));
                if (member.startsAtHeader()) {
                    TarArchiveEntry first = new TarArchiveInputStream(new ByteArrayInputStream(inflated)).getNextEntry();
                    assertThat(first.getName()).isEqualTo(member.entry());
                } else {
                    // inside a file's data: the member goes on with that file's bytes from where the earlier ones stopped
                    byte[] file = Files.readAllBytes(root.resolve(member.entry()));
                    int within = member.within().intValue();
                    assertThat(Arrays.copyOf(inflated, 512)).isEqualTo(Arrays.copyOfRange(file, within, within + 512));
                }
            }
        }
        assertThat(set.archiveRecord("artifacts").orElseThrow().members())
                .anyMatch(m -> !m.startsAtHeader() && m.entry().equals("var/artifacts/bundle.bin"));
    }

    @Test
    void aRestoreReadsTheMembersInParallelAndGetsTheTreeBack() {
        Path target = temp.resolve("restored");
        TargetLayout restored = PlatformGodFixture.create(target);

        restorer().restore(set, restored, List.of("registry", "state", "artifacts", "audit"), "op-members");

        for (String data : List.of("registry", "state", "artifacts", "audit")) {
            assertThat(hashes(target.resolve("var/" + data))).isEqualTo(hashes(root.resolve("var/" + data)));
        }
        assertThat(Files.isSymbolicLink(target.resolve("var/state/latest"))).isTrue();
    }

    @Test
    void aDamagedMemberIsCaughtBeforeTheLiveTreeIsTouched() throws IOException {
        Path archive = set.archive("state");
        List<ArchiveMember> members = set.archiveRecord("state").orElseThrow().members();
        byte[] bytes = Files.readAllBytes(archive);
        bytes[(int) (members.get(2).offset() + members.get(3).offset()) / 2] ^= 0x10;
        Files.write(archive, bytes);
        Map<String, String> before = hashes(root);

        assertThatThrownBy(() -> restorer().restore(sets.open(set.id()), layout, List.of("registry", "state"), "op-damaged"))
                .isInstanceOf(RestoreException.class).hasMessageContaining("archive state.tar.gz");

        assertThat(hashes(root)).isEqualTo(before);
        assertThat(root.resolve("var/.state.staging.op-damaged")).doesNotExist();
    }

    @Test
    void anIndexThatDoesNotMatchTheArchiveFailsTheRestoreBeforeTheLiveTreeIsTouched() {
        TamperedSets.editArchiveRecord(set.directory(), "state", record -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                record.get("members").get(2)).put("entry", "var/state/runs/0/run-0.json"));
        Map<String, String> before = hashes(root);

        // the members are read in parallel: the lying member is caught by its index check, or a member after it fails
        // first on what the lie left out (the directory of the entry it claims); either fails the restore before the swap
        assertThatThrownBy(() -> restorer().restore(sets.open(set.id()), layout, List.of("state"), "op-lying-index"))
                .isInstanceOf(RestoreException.class).hasMessageContaining("archive state.tar.gz")
                .hasMessageContaining("runs/0/run-0.json");

        assertThat(hashes(root)).isEqualTo(before);
    }

    @Test
    void aSetWithoutTheIndexIsRestoredInOnePassAsBefore() {
        TamperedSets.editManifest(set.directory(), manifest -> manifest.get("archives")
                .forEach(record -> ((com.fasterxml.jackson.databind.node.ObjectNode) record).remove("members")));
        BackupSet older = sets.open(set.id());
        assertThat(older.hasMemberIndex("state")).isFalse();
        Path target = temp.resolve("restored");
        TargetLayout restored = PlatformGodFixture.create(target);

        restorer().restore(older, restored, List.of("state", "artifacts"), "op-serial");

        assertThat(hashes(target.resolve("var/state"))).isEqualTo(hashes(root.resolve("var/state")));
        assertThat(hashes(target.resolve("var/artifacts"))).isEqualTo(hashes(root.resolve("var/artifacts")));
    }

    @Test
    void aFileWrittenThroughASymlinkOfAnotherPartIsRefused() {
        TamperedSets.replaceArchiveInMembers(set.directory(), "registry", List.of(
                List.of(TamperedSets.directory("var/registry/"), TamperedSets.directory("var/registry/agents"),
                        TamperedSets.file("var/registry/agents/a.yaml", "name: a\n")),
                List.of(TamperedSets.symlink("var/registry/alias", "agents")),
                List.of(TamperedSets.file("var/registry/alias/evil.yaml", "boom"))));
        Map<String, String> before = hashes(root);

        assertThatThrownBy(() -> restorer().restore(sets.open(set.id()), layout, List.of("registry"), "op-through"))
                .isInstanceOf(RestoreException.class).hasMessageContaining("archive registry.tar.gz, entry var/registry/alias");

        assertThat(hashes(root)).isEqualTo(before);
        assertThat(root.resolve("var/registry/agents/evil.yaml")).doesNotExist();
    }

    private static byte[] inflateOneMember(byte[] member) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            return in.readAllBytes();
        }
    }

    private static Restorer restorer() {
        return new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), null));
    }
}
