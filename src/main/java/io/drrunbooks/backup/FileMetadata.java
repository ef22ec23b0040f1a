package io.drrunbooks.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/**
 * What a tar header needs of a path, from a single {@code lstat}: with ~100,000 small files the per-file system
 * calls, not the bytes, are the cost, so the mode carries the file type and owner names come from a cache by id
 * instead of a passwd lookup per file.
 *
 * @param mode the full {@code st_mode}: file type bits and permissions, as tar stores it
 */
record FileMetadata(int mode, int uid, int gid, long size, FileTime modified) {

    private static final int TYPE_MASK = 0170000;
    private static final Map<Integer, String> USER_NAMES = new ConcurrentHashMap<>();
    private static final Map<Integer, String> GROUP_NAMES = new ConcurrentHashMap<>();

    static FileMetadata read(Path path) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime", NOFOLLOW_LINKS);
        return new FileMetadata((Integer) unix.get("mode"), (Integer) unix.get("uid"), (Integer) unix.get("gid"),
                (Long) unix.get("size"), (FileTime) unix.get("lastModifiedTime"));
    }

    boolean isDirectory() {
        return (mode & TYPE_MASK) == 0040000;
    }

    boolean isRegularFile() {
        return (mode & TYPE_MASK) == 0100000;
    }

    boolean isSymbolicLink() {
        return (mode & TYPE_MASK) == 0120000;
    }

    /** The owner's name as GNU tar stores it; {@code path} is only read when the uid is new. */
    String userName(Path path) throws IOException {
        String name = USER_NAMES.get(uid);
        if (name == null) {
            name = Files.getOwner(path, NOFOLLOW_LINKS).getName();
            USER_NAMES.put(uid, name);
        }
        return name;
    }

    String groupName(Path path) throws IOException {
        String name = GROUP_NAMES.get(gid);
        if (name == null) {
            name = Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW_LINKS).group().getName();
            GROUP_NAMES.put(gid, name);
        }
        return name;
    }
}
