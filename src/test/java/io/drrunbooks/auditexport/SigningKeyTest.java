package io.drrunbooks.auditexport;

import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing key from openssl's own files and generated under a home, private to its owner. */
class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void anOpensslKeyFileSignsAndItsPublicKeyIsTheOneOpensslDerives() throws IOException {
        PlatformGodFixture.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "key.pem");
        PlatformGodFixture.run(dir, "openssl", "pkey", "-in", "key.pem", "-pubout", "-out", "public.pem");

        SigningKey key = SigningKey.configured(dir.resolve("key.pem"), dir.resolve("unused-home"));

        assertThat(key.publicKey().getEncoded()).isEqualTo(Pem.publicKey(Files.readString(dir.resolve("public.pem"))).getEncoded());
        Files.write(dir.resolve("message"), "SHA256SUMS stand-in\n".getBytes());
        Files.write(dir.resolve("message.sig"), key.sign(Files.readAllBytes(dir.resolve("message"))));
        assertThat(PlatformGodFixture.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "public.pem", "-rawin",
                "-in", "message", "-sigfile", "message.sig")).contains("Signature Verified Successfully");
        assertThat(dir.resolve("unused-home")).doesNotExist();
    }

    @Test
    void withoutAKeyFileOneIsGeneratedOnceUnderTheHomeReadableByItsOwnerOnly() throws IOException {
        SigningKey first = SigningKey.configured(null, dir);
        SigningKey again = SigningKey.configured(null, dir);

        Path file = dir.resolve(SigningKey.GENERATED_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.publicPem()).isEqualTo(first.publicPem());
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void aFileThatIsNoKeyIsRefusedNamingIt() throws IOException {
        Path notAKey = Files.writeString(dir.resolve("notes.pem"), "hello\n");
        assertThatThrownBy(() -> SigningKey.configured(notAKey, dir)).hasMessageContaining(notAKey.toString())
                .hasMessageContaining("not a PKCS#8 PEM Ed25519 private key");
    }
}
