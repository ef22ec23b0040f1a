package io.drrunbooks.backup;

import com.fasterxml.jackson.core.JacksonException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Durable file operations for a set directory: fsynced writes, atomic replacement, manifest.json. */
final class SetFiles {

    static final String MANIFEST_JSON = "manifest.json";
    static final String SHA256SUMS = "SHA256SUMS";

    private SetFiles() {
    }

    /** Writes {@code text} to a new file and fsyncs it. */
    static void writeText(Path file, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /** Replaces {@code file} atomically: readers see the old manifest or the new one, never half of one. */
    static void writeManifest(Path file, Manifest manifest) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            // streamed, the file records too: a million of them never are in memory at once
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                ManifestWriter.write(out, manifest);
                out.write('\n');
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads manifest.json of set {@code id}, or a {@link BackupException} naming the set and the problem. */
    static Manifest readManifest(Path file, String id) {
        Manifest manifest;
        try {
            manifest = ManifestJson.read(file);
        } catch (JacksonException e) {
            throw new BackupException("set " + id + ": " + MANIFEST_JSON + " is malformed: " + e.getOriginalMessage(), e);
        } catch (ManifestJson.Malformed e) {
            throw new BackupException("set " + id + ": " + MANIFEST_JSON + " is malformed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException("set " + id + ": cannot read " + MANIFEST_JSON + ": " + e, e);
        }
        if (manifest == null || manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new BackupException("set " + id + ": " + MANIFEST_JSON + " has unknown formatVersion "
                    + (manifest == null ? "(empty file)" : manifest.formatVersion()) + ", expected " + Manifest.FORMAT_VERSION);
        }
        if (!id.equals(manifest.id())) {
            throw new BackupException("set " + id + ": " + MANIFEST_JSON + " names another set, " + manifest.id());
        }
        return manifest;
    }

    /** The size of the files directly in a set directory; 0 when it cannot be listed, which its reader reports. */
    static long sizeOnDisk(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            long size = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                size += Files.size(file);
            }
            return size;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Makes a rename or a new entry in {@code directory} survive a crash. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new BackupException("cannot delete " + directory + ": " + e, e);
        }
    }
}
