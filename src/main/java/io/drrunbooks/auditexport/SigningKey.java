package io.drrunbooks.auditexport;

import io.drrunbooks.audit.HeadSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The service's Ed25519 key for signing audit exports: a configured PKCS#8 PEM file (as
 * {@code openssl genpkey -algorithm ed25519} writes it), or one generated once under the service's
 * home, readable by its owner only.
 */
public final class SigningKey implements HeadSigner {

    static final String ALGORITHM = "Ed25519";
    static final String GENERATED_FILE = "audit-signing-key.pem";

    private final KeyPair pair;

    private SigningKey(KeyPair pair) {
        this.pair = pair;
    }

    /** The configured key file if there is one, else the key under {@code home}, generated on first use. */
    public static SigningKey configured(Path keyFile, Path home) {
        return keyFile != null ? load(keyFile) : loadOrGenerate(home.resolve(GENERATED_FILE));
    }

    /** The key generated under {@code home}, if the service made one; never generates (the command line). */
    public static Optional<SigningKey> existing(Path home) {
        Path file = home.resolve(GENERATED_FILE);
        return Files.exists(file) ? Optional.of(load(file)) : Optional.empty();
    }

    /** Loads a PKCS#8 PEM Ed25519 private key. */
    public static SigningKey load(Path pemFile) {
        String pem;
        try {
            pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit signing key " + pemFile + ": " + e.getMessage(), e);
        }
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(pem, Pem.PRIVATE_KEY)));
            return new SigningKey(pairOf(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the audit signing key " + pemFile + " is not a PKCS#8 PEM Ed25519 private key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Two instances sharing a home must end with one key: the new key is written to a private temporary
     * file and linked into place only if no key is there yet; the loser reads the winner's.
     */
    private static SigningKey loadOrGenerate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        try {
            Files.createDirectories(file.getParent());
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Path temporary = Files.createTempFile(file.getParent(), "." + GENERATED_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded())
                            .getBytes(StandardCharsets.US_ASCII)));
                    channel.force(true); // on disk before it has its name: a crash must not leave an empty key
                }
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException lostTheRace) {
                return load(file);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return new SigningKey(pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit signing key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    /**
     * Java 17 has no call that derives an Ed25519 public key from the private one, but its key pair
     * generator takes the private key's 32 bytes from the random source it is given: fed the stored
     * seed, it computes the matching public key.
     */
    private static KeyPair pairOf(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key does not expose its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(255, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        KeyPair pair = generator.generateKeyPair();
        if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(null), seed)) {
            throw new GeneralSecurityException("could not derive the public key");
        }
        return new KeyPair(pair.getPublic(), key);
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The public key as a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo), what an auditor pins. */
    public String publicPem() {
        return Pem.encode(Pem.PUBLIC_KEY, pair.getPublic().getEncoded());
    }

    @Override
    public String signHead(String message) {
        return Base64.getEncoder().encodeToString(sign(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean verifiesHead(String message, String signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(pair.getPublic());
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException notASignature) {
            return false;
        }
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(pair.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the audit signing key: " + e.getMessage(), e);
        }
    }
}
