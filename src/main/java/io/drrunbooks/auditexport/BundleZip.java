package io.drrunbooks.auditexport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The bundle's file format: a zip of four signed entries, {@code SHA256SUMS} over them in
 * {@code sha256sum} format, and {@code SHA256SUMS.sig}, the raw Ed25519 signature of that file.
 * Reading refuses anything else in the zip: an extra entry would be unsigned text an auditor might trust.
 */
final class BundleZip {

    static final String BUNDLE = "bundle.json";
    static final String EVENTS = "events.json";
    static final String SETS = "backup-sets.json";
    static final String KEY = "public-key.pem";
    static final String SUMS = "SHA256SUMS";
    static final String SIGNATURE = "SHA256SUMS.sig";
    /** In SHA256SUMS, in this order. */
    static final List<String> SIGNED = List.of(BUNDLE, EVENTS, SETS, KEY);
    static final List<String> ALL = List.of(BUNDLE, EVENTS, SETS, KEY, SUMS, SIGNATURE);

    /** Far above any run's trail (a few hundred events); a bound on what a hostile zip can make the checker hold. */
    private static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private BundleZip() {
    }

    static byte[] sums(Map<String, byte[]> signed) {
        StringBuilder sums = new StringBuilder();
        for (String name : SIGNED) {
            sums.append(sha256(signed.get(name))).append("  ").append(name).append('\n');
        }
        return sums.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code entries} in {@link #ALL}'s order; the times are fixed so one content gives one zip. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : ALL) {
                ZipEntry entry = new ZipEntry(name);
                entry.setLastModifiedTime(EPOCH);
                zip.putNextEntry(entry);
                zip.write(entries.get(name));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Every entry of the bundle, or a {@link BundleRejected} naming the entry that is missing, extra, repeated or too large. */
    static Map<String, byte[]> read(Path bundle) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!ALL.contains(name)) {
                    throw new BundleRejected("unexpected entry '" + name + "': a bundle holds only " + ALL);
                }
                if (entries.put(name, bounded(zip, name)) != null) {
                    throw new BundleRejected("entry '" + name + "' appears twice");
                }
            }
        }
        for (String name : ALL) {
            if (!entries.containsKey(name)) {
                throw new BundleRejected("entry '" + name + "' is missing" + (entries.isEmpty() ? " (is this a bundle zip?)" : ""));
            }
        }
        return entries;
    }

    private static byte[] bounded(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_ENTRY_BYTES + 1));
        if (bytes.length > MAX_ENTRY_BYTES) {
            throw new BundleRejected("entry '" + name + "' is larger than " + MAX_ENTRY_BYTES + " bytes");
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
