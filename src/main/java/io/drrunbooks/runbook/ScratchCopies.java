package io.drrunbooks.runbook;

import io.drrunbooks.target.DataSet;
import io.drrunbooks.target.TargetLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A drill's scratch copy of the target: its data sets and config files, nothing else, so that a
 * drill quarantines, restores and verifies exactly as a real run would without touching a live byte.
 */
final class ScratchCopies {

    private ScratchCopies() {
    }

    static void copy(TargetLayout live, Path scratch) {
        try {
            Files.createDirectories(scratch);
            for (DataSet dataSet : live.dataSets()) {
                for (String path : dataSet.paths()) {
                    Path source = live.resolve(path);
                    if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                        copyTree(source, scratch.resolve(path));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the target " + live.root() + " to " + scratch + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path source, Path destination) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path to = destination.resolve(source.relativize(path).toString());
                Files.createDirectories(to.getParent());
                Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * Removes a scratch copy, including the read-only quarantines a drill leaves in it. What is gone
     * already is fine: two parallel branches of a failed drill may remove its copy at the same time.
     */
    static void delete(Path scratch) {
        if (!Files.exists(scratch, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(scratch, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    try {
                        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
                        permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                PosixFilePermission.OWNER_EXECUTE));
                        Files.setPosixFilePermissions(dir, permissions);
                        return FileVisitResult.CONTINUE;
                    } catch (NoSuchFileException gone) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw failure;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null && !(failure instanceof NoSuchFileException)) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the drill's scratch copy " + scratch + ": " + e, e);
        }
    }
}
