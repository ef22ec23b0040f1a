package io.drrunbooks.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/** File-tree operations the restore needs: hashing, deleting, write bits, permissions from tar modes, fsync. */
final class Trees {

    private static final PosixFilePermission[] BITS_HIGH_TO_LOW = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private Trees() {
    }

    /** Every regular file under {@code directory} (links not followed) by relative path, with its sha256. */
    static Map<String, String> hashFiles(Path directory) {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.isDirectory(directory, NOFOLLOW_LINKS)) {
            return hashes;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(p -> Files.isRegularFile(p, NOFOLLOW_LINKS)).toList()) {
                hashes.put(directory.relativize(file).toString().replace('\\', '/'), sha256(file));
            }
            return hashes;
        } catch (IOException | UncheckedIOException e) {
            throw new RestoreException("cannot read " + directory + ": " + e, e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, NOFOLLOW_LINKS), sha256Digest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path, NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            List<Path> parentsFirst = paths.toList();
            for (Path each : parentsFirst) {
                if (Files.isDirectory(each, NOFOLLOW_LINKS)) {
                    // a read-only directory (a restored 0555 one, a quarantine) cannot be emptied otherwise
                    Files.setPosixFilePermissions(each, permissions(0700));
                }
            }
            for (int i = parentsFirst.size() - 1; i >= 0; i--) {
                Files.delete(parentsFirst.get(i));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RestoreException("cannot delete " + path + ": " + e, e);
        }
    }

    /** Takes all write bits away, or gives the owner write back; directories and files, links untouched. */
    static void setWritable(Path directory, boolean writable) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path each : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
                permissions.addAll(Files.getPosixFilePermissions(each, NOFOLLOW_LINKS));
                if (writable) {
                    permissions.add(PosixFilePermission.OWNER_WRITE);
                } else {
                    permissions.removeAll(WRITE);
                }
                Files.setPosixFilePermissions(each, permissions);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RestoreException("cannot change write permission under " + directory + ": " + e, e);
        }
    }

    /** The permissions of a tar mode's low nine bits. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS_HIGH_TO_LOW.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(BITS_HIGH_TO_LOW[i]);
            }
        }
        return permissions;
    }

    /**
     * Makes staged trees survive a power loss before they are swapped in: one {@code syncfs(2)} per file system
     * (GNU {@code sync -f}, one process for all of them) flushes every file and directory in a single barrier, where
     * an fsync per file costs a journal commit each. Without GNU sync each file and directory is fsynced.
     */
    static void makeDurable(List<Path> stagings) {
        try {
            if (stagings.isEmpty() || syncFileSystems(stagings)) {
                return;
            }
            for (Path staging : stagings) {
                try (Stream<Path> paths = Files.walk(staging)) {
                    for (Path each : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                        try (FileChannel channel = FileChannel.open(each, StandardOpenOption.READ)) {
                            channel.force(true);
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RestoreException("cannot make the staged data durable: " + e, e);
        }
    }

    private static boolean syncFileSystems(List<Path> onThem) throws IOException {
        List<String> command = new ArrayList<>(List.of("sync", "-f"));
        onThem.forEach(path -> command.add(path.toString()));
        try {
            Process sync = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return sync.waitFor() == 0;
        } catch (IOException noGnuSync) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while syncing " + onThem, e);
        }
    }

    /** Makes renames and new entries in {@code directory} survive a crash. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
