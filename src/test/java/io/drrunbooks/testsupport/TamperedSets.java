package io.drrunbooks.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tampering with sets on disk: hostile archives crafted with Commons Compress, and manifest edits. When an archive
 * is replaced its manifest record is fixed up (size, sha256, entry count, file records, no member index), so only
 * the entry rules can catch what is wrong with it.
 */
public final class TamperedSets {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One crafted tar entry and its content. */
    public record Entry(TarArchiveEntry header, byte[] content) {
    }

    private TamperedSets() {
    }

    public static Entry directory(String name) {
        return new Entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"), new byte[0]);
    }

    public static Entry file(String name, String content) {
        return new Entry(new TarArchiveEntry(name, true), content.getBytes(StandardCharsets.UTF_8));
    }

    public static Entry symlink(String name, String target) {
        TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        header.setLinkName(target);
        return new Entry(header, new byte[0]);
    }

    public static Entry hardLink(String name, String target) {
        TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_LINK);
        header.setLinkName(target);
        return new Entry(header, new byte[0]);
    }

    public static Entry special(String name, byte type) {
        return new Entry(new TarArchiveEntry(name, type), new byte[0]);
    }

    /** Replaces {@code <dataSet>.tar.gz} in the set directory and makes its manifest record agree with it. */
    public static void replaceArchive(Path setDirectory, String dataSet, List<Entry> entries) {
        Path archive = setDirectory.resolve(dataSet + ".tar.gz");
        ArrayNode files = JSON.createArrayNode();
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                entry.header().setSize(entry.content().length);
                tar.putArchiveEntry(entry.header());
                tar.write(entry.content());
                tar.closeArchiveEntry();
                if (entry.header().getLinkFlag() == TarConstants.LF_NORMAL && !entry.header().isDirectory()) {
                    files.addObject().put("path", entry.header().getName()).put("size", entry.content().length)
                            .put("mode", 644).put("sha256", PlatformGodFixture.sha256(entry.content()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        editArchiveRecord(setDirectory, dataSet, record -> {
            record.put("size", size(archive));
            record.put("sha256", PlatformGodFixture.sha256(archive));
            record.put("entries", entries.size());
            record.set("files", files);
            record.remove("members"); // one gzip member, read in one pass: the entry rules see every entry in order
        });
    }

    /**
     * Replaces the archive with one gzip member per group of entries, and gives its manifest record the member index
     * that describes them, so a restore reads the groups in parallel.
     */
    public static void replaceArchiveInMembers(Path setDirectory, String dataSet, List<List<Entry>> groups) {
        Path archive = setDirectory.resolve(dataSet + ".tar.gz");
        ArrayNode files = JSON.createArrayNode();
        ArrayNode members = JSON.createArrayNode();
        java.io.ByteArrayOutputStream tarBytes = new java.io.ByteArrayOutputStream();
        List<Long> starts = new java.util.ArrayList<>();
        int entries = 0;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, 512)) {
            for (List<Entry> group : groups) {
                starts.add((long) tarBytes.size());
                members.addObject().put("tarOffset", tarBytes.size()).put("entries", entries).put("files", files.size())
                        .put("entry", group.get(0).header().getName());
                for (Entry entry : group) {
                    entry.header().setSize(entry.content().length);
                    tar.putArchiveEntry(entry.header());
                    tar.write(entry.content());
                    tar.closeArchiveEntry();
                    entries++;
                    if (entry.header().getLinkFlag() == TarConstants.LF_NORMAL && !entry.header().isDirectory()) {
                        files.addObject().put("path", entry.header().getName()).put("size", entry.content().length)
                                .put("mode", 644).put("sha256", PlatformGodFixture.sha256(entry.content()));
                    }
                }
            }
            tar.finish();
            byte[] whole = tarBytes.toByteArray();
            try (OutputStream out = Files.newOutputStream(archive)) {
                for (int i = 0; i < starts.size(); i++) {
                    ((ObjectNode) members.get(i)).put("offset", size(archive));
                    int from = starts.get(i).intValue();
                    int to = i + 1 < starts.size() ? starts.get(i + 1).intValue() : whole.length;
                    try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(new KeepOpen(out))) {
                        gzip.write(whole, from, to - from);
                    }
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int count = entries;
        editArchiveRecord(setDirectory, dataSet, record -> {
            record.put("size", size(archive));
            record.put("sha256", PlatformGodFixture.sha256(archive));
            record.put("entries", count);
            record.set("files", files);
            record.set("members", members);
        });
    }

    /** Lets a gzip member be closed without closing the file the next member goes into. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Edits the manifest.json record of one data set's archive. */
    public static void editArchiveRecord(Path setDirectory, String dataSet, Consumer<ObjectNode> edit) {
        editManifest(setDirectory, manifest -> manifest.get("archives").forEach(record -> {
            if (record.get("dataSet").asText().equals(dataSet)) {
                edit.accept((ObjectNode) record);
            }
        }));
    }

    public static void editManifest(Path setDirectory, Consumer<ObjectNode> edit) {
        Path file = setDirectory.resolve("manifest.json");
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(file.toFile());
            edit.accept(manifest);
            JSON.writeValue(file.toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips one bit in the middle of a file. */
    public static void flipByte(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
