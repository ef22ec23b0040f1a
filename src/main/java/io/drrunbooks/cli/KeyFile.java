package io.drrunbooks.cli;

import io.drrunbooks.backup.ArchiveKey;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --key-file}: the key of encrypted config archives, as the service's {@code dr.backup.encryption-key-file}. */
final class KeyFile {

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:DR_BACKUP_ENCRYPTION_KEY_FILE:-}",
            description = "The key that encrypts (backup) or decrypts (verify, restore) the config archive: 32 bytes raw,"
                    + " hex or base64, in a file readable by its owner only (default: $DR_BACKUP_ENCRYPTION_KEY_FILE).")
    String file;

    /** The key, or null when none is given; an unusable file is refused naming it. */
    ArchiveKey key() {
        return file == null || file.isBlank() ? null : ArchiveKey.read(Path.of(file));
    }
}
