package io.drrunbooks.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveKeyTest {

    @TempDir
    Path temp;

    @Test
    void rawHexAndBase64FormsOfOneKeyAreTheSameKey() throws IOException {
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        ArchiveKey raw = ArchiveKey.read(ownerOnly("raw", key));
        ArchiveKey hex = ArchiveKey.read(ownerOnly("hex", (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII)));
        ArchiveKey base64 = ArchiveKey.read(ownerOnly("b64", Base64.getEncoder().encode(key)));

        assertThat(hex.id()).isEqualTo(raw.id()).isEqualTo(base64.id()).hasSize(16);
        assertThat(raw.toString()).isEqualTo("key " + raw.id() + " from " + temp.resolve("raw"))
                .doesNotContain(HexFormat.of().formatHex(key)).doesNotContain(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void aFileThatHoldsNoKeyIsRefusedNamingItWithoutShowingItsContent() throws IOException {
        Path file = ownerOnly("short", "PGOD_API_KEY=hunter2-not-a-key\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> ArchiveKey.read(file)).isInstanceOf(BackupException.class)
                .hasMessageContaining("encryption key file " + file + " holds 31 bytes")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedWithTheFix() throws IOException {
        Path file = ownerOnly("open", new byte[32]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ArchiveKey.read(file)).hasMessageContaining("is open to group or others (rw-r--r--)")
                .hasMessageContaining("chmod 600 " + file);
        assertThatThrownBy(() -> ArchiveKey.read(temp.resolve("missing"))).hasMessageContaining("cannot be read");
    }

    private Path ownerOnly(String name, byte[] content) throws IOException {
        Path file = temp.resolve(name);
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
