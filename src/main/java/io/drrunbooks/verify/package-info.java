/**
 * Verification of backup sets and of data-set contents.
 *
 * <p>{@link io.drrunbooks.verify.SetVerifier} checks in the order an attacker or a bad disk would be caught
 * cheapest: each archive's size and sha256 against the manifest (a flipped byte or a truncated file stops here),
 * then one streaming pass over its entries: each path against the restore rules (nothing absolute, no
 * {@code ..}, nothing outside the data set, no link leading out, nothing through a symlink, no devices, no
 * duplicates), each file's size and sha256 against the manifest, and finally that nothing declared is missing.
 * Restore runs its extraction inside that same pass, so an entry reaches the disk only after its path passed.
 *
 * <p>{@link io.drrunbooks.verify.RegistryCheck} loads every registry YAML document with SnakeYAML's
 * SafeConstructor, on disk or straight out of an archive.
 */
package io.drrunbooks.verify;
