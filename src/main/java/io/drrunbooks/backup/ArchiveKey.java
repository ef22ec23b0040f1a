package io.drrunbooks.backup;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The 256-bit key that encrypts a set's {@code config} archive ({@code dr.backup.encryption-key-file},
 * {@code --key-file}). The file holds the key as 32 raw bytes, 64 hex digits or the base64 of 32 bytes (a trailing
 * newline allowed), e.g. from {@code head -c 32 /dev/urandom > key} or {@code openssl rand -hex 32 > key}, and may
 * be readable by its owner only, like an SSH private key. Nothing here ever prints the key: messages name the file
 * and the key's id, a hash of the key that tells keys apart without revealing them.
 */
public final class ArchiveKey {

    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;
    private final SecretKey key;
    private final String id;

    private ArchiveKey(Path file, byte[] bytes) {
        this.file = file;
        this.key = new SecretKeySpec(bytes, "AES");
        MessageDigest digest = Sha256.digest();
        digest.update("dr-runbooks archive key id\n".getBytes(StandardCharsets.US_ASCII));
        this.id = HexFormat.of().formatHex(digest.digest(bytes), 0, 8);
        Arrays.fill(bytes, (byte) 0);
    }

    /** Reads a key file, or a {@link BackupException} naming the file and what is wrong with it (never its content). */
    public static ArchiveKey read(Path file) {
        Path path = file.toAbsolutePath().normalize();
        String where = "encryption key file " + path;
        byte[] content;
        try {
            // the file a link leads to (a mounted secret often is one) is what must be private, not the link
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path.toRealPath());
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new BackupException(where + " is open to group or others (" + PosixFilePermissions.toString(permissions)
                        + "); make it readable by its owner only: chmod 600 " + path);
            }
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new BackupException(where + " cannot be read: " + e, e);
        }
        try {
            return new ArchiveKey(path, decode(content, where));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static byte[] decode(byte[] content, String where) {
        if (content.length == BYTES) {
            return content.clone();
        }
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        if (text.length() == 2 * BYTES && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(text);
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (decoded.length == BYTES) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // falls through to the one message for every unusable content
        }
        throw new BackupException(where + " holds " + content.length + " bytes that are neither 32 raw bytes, "
                + "64 hex digits nor the base64 of 32 bytes (make one with: openssl rand -hex 32)");
    }

    /** A hash of the key, recorded in the manifest to tell a wrong key from a damaged archive. */
    public String id() {
        return id;
    }

    public Path file() {
        return file;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "key " + id + " from " + file;
    }
}
