/**
 * Streaming authenticated encryption of archives: AES-256-GCM in chunks, the STREAM construction of Hoang,
 * Reyhanitabar, Rogaway and Vizár ("Online authenticated-encryption and its nonce-reuse misuse-resistance", 2015),
 * as Tink's streaming AEAD and age use it, with the JDK's {@code javax.crypto} only.
 *
 * <p>A file is a 32-byte header, {@code "DRGCM\u0001"} (6 bytes), the chunk size as a 4-byte big-endian int,
 * a 7-byte random nonce prefix and 15 zero bytes reserved, then chunks: each chunk of plaintext (every one
 * {@value io.drrunbooks.backup.crypto.ChunkedGcm#CHUNK_BYTES} bytes but the last, which may be shorter or empty)
 * is sealed on its own, ciphertext followed by its 16-byte tag. A chunk's 12-byte nonce is the file's prefix, the
 * chunk's index (4 bytes, big-endian) and a final flag byte (1 for the last chunk, else 0), and the header is its
 * associated data. So each chunk is authenticated together with its position and with whether it ends the file:
 * a reordered, dropped, repeated or altered chunk, a file cut at a chunk boundary (no chunk carries the final
 * flag) or extended past its final chunk, and a header changed, all fail the tag check. A reader decrypts as it
 * goes, holding one chunk; it learns that a chunk is the last from the end of the file, one byte ahead.
 *
 * <p>A random 56-bit prefix per file keeps nonces unique under one key for far more files than a backup
 * schedule writes (a collision becomes likely after about 2^28 files); the index allows 2^32 chunks, 256 TiB.
 */
package io.drrunbooks.backup.crypto;
