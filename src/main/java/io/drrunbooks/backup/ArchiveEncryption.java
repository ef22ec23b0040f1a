package io.drrunbooks.backup;

/**
 * How an archive is stored encrypted, as {@code manifest.json} records it; the archive's size and sha256 are of
 * the file as stored, so {@code sha256sum -c SHA256SUMS} checks it without the key.
 *
 * @param algorithm  {@code AES-256-GCM}, in chunks ({@link io.drrunbooks.backup.crypto.ChunkedGcm})
 * @param chunkBytes plaintext bytes per chunk
 * @param keyId      {@link ArchiveKey#id()} of the key it was encrypted with
 */
public record ArchiveEncryption(String algorithm, int chunkBytes, String keyId) {
}
