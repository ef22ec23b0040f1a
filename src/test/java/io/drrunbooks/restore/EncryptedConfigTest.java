package io.drrunbooks.restore;

import io.drrunbooks.backup.ArchiveKey;
import io.drrunbooks.backup.ArchiveRefusedException;
import io.drrunbooks.backup.ArchiveRecord;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.target.TargetLayout;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.verify.SetVerifier;
import io.drrunbooks.verify.Verification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.drrunbooks.testsupport.PlatformGodFixture.hashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The config archive holds .env: owner-only always, encrypted given a key; restore decrypts, a wrong key changes nothing. */
class EncryptedConfigTest {

    static final String SECRET = "sk-live-7f3a9c1e5b2d";

    @TempDir
    Path temp;
    Path root;
    TargetLayout layout;
    ArchiveKey key;
    BackupOptions options;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("platform-god");
        layout = PlatformGodFixture.create(root);
        PlatformGodFixture.write(root, ".env", "PGOD_API_KEY=" + SECRET + "\nPGOD_PORT=8080\n");
        Files.setPosixFilePermissions(root.resolve(".env"), PosixFilePermissions.fromString("rw-------"));
        key = ArchiveKey.read(keyFile("key", 1));
        options = new BackupOptions(temp.resolve("backups"), PlatformGodFixture.clockAt("2025-01-20T02:00:00Z"), "1.2.3");
    }

    @Test
    void theConfigArchiveIsEncryptedOwnerOnlyAndStillChecksumsByHand() throws IOException {
        BackupSet set = new BackupSets(options.withEncryptionKey(key)).write(layout, layout.dailyDataSets());

        ArchiveRecord config = set.archiveRecord("config").orElseThrow();
        Path archive = set.directory().resolve("config.tar.gz.enc");
        assertThat(config.file()).isEqualTo("config.tar.gz.enc");
        assertThat(config.encryption().algorithm()).isEqualTo("AES-256-GCM");
        assertThat(config.encryption().keyId()).isEqualTo(key.id());
        assertThat(set.directory().resolve("config.tar.gz")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(Files.readString(set.directory().resolve("manifest.json"))).contains("\"encryption\"").doesNotContain(SECRET);
        assertThat(set.archiveRecord("registry").orElseThrow().encryption()).isNull();
        assertThat(PlatformGodFixture.run(set.directory(), "sha256sum", "-c", "SHA256SUMS")).contains("config.tar.gz.enc: OK");
        assertThat(new SetVerifier().verify(set).ok()).isTrue();
    }

    @Test
    void anUnencryptedConfigArchiveIsOwnerOnlyToo() throws IOException {
        BackupSet set = new BackupSets(options).write(layout, layout.dailyDataSets());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(set.directory().resolve("config.tar.gz"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(set.directory().resolve("registry.tar.gz"))))
                .isNotEqualTo("rw-------");
    }

    @Test
    void restoreDecryptsAndDotEnvComesBackOwnerOnly() throws IOException {
        BackupSet set = new BackupSets(options.withEncryptionKey(key)).write(layout, layout.dailyDataSets());
        byte[] env = Files.readAllBytes(root.resolve(".env"));
        PlatformGodFixture.write(root, ".env", "PGOD_API_KEY=rotated\n");

        new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), null))
                .restore(set, layout, List.of("config", "registry"), "op-config");

        assertThat(Files.readAllBytes(root.resolve(".env"))).isEqualTo(env);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(".env")))).isEqualTo("rw-------");
    }

    @Test
    void aWrongKeyIsAClearErrorAndTheLiveTreeStaysByteIdentical() throws IOException {
        String id = new BackupSets(options.withEncryptionKey(key)).write(layout, layout.dailyDataSets()).id();
        ArchiveKey wrong = ArchiveKey.read(keyFile("other", 2));
        BackupSet set = new BackupSets(options.withEncryptionKey(wrong)).open(id);
        PlatformGodFixture.write(root, "var/registry/index.yml", "edited after the backup\n");
        Map<String, String> before = hashes(temp);

        assertThatThrownBy(() -> new Restorer(new RestoreOptions(PlatformGodFixture.clockAt("2025-01-21T10:00:00Z"), null))
                .restore(set, layout, List.of("registry", "config"), "op-wrong-key"))
                .isInstanceOf(RestoreException.class)
                .hasMessage("set " + id + ", archive config.tar.gz.enc: encrypted with key " + key.id() + ", but key "
                        + wrong.id() + " from " + temp.resolve("other") + " is another key (wrong key file?)");

        assertThat(hashes(temp)).isEqualTo(before);
        assertThat(root.resolve(".dr-restore/op-wrong-key.config.json")).doesNotExist();
    }

    @Test
    void withoutTheKeyVerificationSaysWhatItCouldAndCouldNotCheck() {
        String id = new BackupSets(options.withEncryptionKey(key)).write(layout, layout.dailyDataSets()).id();
        BackupSet set = new BackupSets(options).open(id);

        Verification verification = new SetVerifier().verify(set);
        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).isEqualTo("set " + id + ", archive config.tar.gz.enc: encrypted (AES-256-GCM, key "
                + key.id() + "): its size and sha256 match the manifest, but its files cannot be checked or restored"
                + " without the key (dr.backup.encryption-key-file, --key-file)");
        assertThat(new SetVerifier().verify(set, List.of("registry", "state")).ok()).isTrue();
        assertThatThrownBy(() -> set.scan("config", (entry, content) -> { }))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("no key is configured");
    }

    @Test
    void anAlteredEncryptedArchiveIsReportedByItsChecksum() throws IOException {
        BackupSet set = new BackupSets(options.withEncryptionKey(key)).write(layout, layout.dailyDataSets());
        Path archive = set.directory().resolve("config.tar.gz.enc");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length - 3] ^= 1;
        Files.write(archive, bytes);

        assertThat(new SetVerifier().verify(set).message()).startsWith("set " + set.id() + ", archive config.tar.gz.enc: sha256 ")
                .endsWith("(archive altered or damaged)");
    }

    private Path keyFile(String name, int seed) throws IOException {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        Path file = temp.resolve(name);
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
