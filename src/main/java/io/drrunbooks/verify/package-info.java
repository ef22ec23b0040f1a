/**
 * Verification of backup sets and of data-set contents.
 *
 * <p>{@link io.drrunbooks.verify.SetVerifier} reads each archive once: its size against the manifest first (a
 * truncated file stops here), then one streaming pass that hashes the archive file while it decompresses it and
 * checks each entry: its path against the restore rules (nothing absolute, no {@code ..}, nothing outside the data
 * set, no link leading out, nothing through a symlink, no devices, no duplicates), each file's size and sha256
 * against the manifest (a file whose tar header claims another size than the manifest's is refused before its
 * content is read), and at the end the archive's sha256 and that nothing declared is missing. The pass itself
 * stops once the archive expands past what the manifest can account for (a decompression bomb); an encrypted
 * archive without its key has only its checksum checked, and fails saying so. Restore runs
 * its extraction inside that same pass, so an entry reaches the disk only after its path passed, and only into
 * staging. When anything is wrong the archive files are hashed once more, so a damaged archive is reported as
 * damaged (its sha256) rather than as whatever entry the damage happened to produce.
 *
 * <p>{@link io.drrunbooks.verify.RegistryCheck} loads every registry YAML document with SnakeYAML's
 * SafeConstructor, on disk or straight out of an archive.
 */
package io.drrunbooks.verify;
