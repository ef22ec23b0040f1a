package io.drrunbooks.verify;

import java.security.SecureRandom;

/**
 * The entry paths an archive has shown, and a fingerprint of each regular file's content, in 16 bytes a path
 * instead of the ~200 a set of strings takes: a data set of a million files is checked in a bounded heap. Paths are
 * kept as 64-bit hashes, seeded at random per table so that no archive can be made to collide on purpose; an
 * accidental collision (about one in 10^7 for a million paths) can only make a path look seen, which refuses the
 * archive as holding a duplicate, never lets one through. Thread-safe: the parts of an archive read in parallel
 * share one.
 */
final class PathTable {

    /** The value of a path that is not a regular file (a directory, a link). */
    static final long NOT_A_FILE = 0;

    private static final long EMPTY = 0;
    private final long seed = new SecureRandom().nextLong();
    private long[] keys = new long[1024];
    private long[] values = new long[1024];
    private int size;

    /** Adds {@code path} with {@code value}; false if it was there already. */
    synchronized boolean add(String path, long value) {
        long key = key(path);
        int slot = slot(key);
        if (keys[slot] == key) {
            return false;
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return true;
    }

    /** Gives a path already added its value (a file's content, known once it is read). */
    synchronized void set(String path, long value) {
        long key = key(path);
        int slot = slot(key);
        if (keys[slot] == key) {
            values[slot] = value;
        }
    }

    /** The value of {@code path}, or null when it was never added. */
    synchronized Long get(String path) {
        long key = key(path);
        int slot = slot(key);
        return keys[slot] == key ? values[slot] : null;
    }

    /** The slot holding {@code key}, or the empty one where it would go. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private long key(String path) {
        long hash = seed;
        for (int i = 0; i < path.length(); i++) {
            hash = (hash ^ path.charAt(i)) * 0x100000001B3L; // FNV-1a's step, from a random basis
        }
        hash = mix(hash ^ path.length());
        return hash == EMPTY ? 1 : hash;
    }

    /** A file's content as one number: size and sha256 (whose hex is already uniform). */
    static long fingerprint(long size, String sha256) {
        return mix(Long.parseUnsignedLong(sha256.substring(0, 16), 16) ^ size) | 1; // never NOT_A_FILE
    }

    /** MurmurHash3's 64-bit finaliser: every input bit moves every output bit. */
    private static long mix(long h) {
        h *= 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
