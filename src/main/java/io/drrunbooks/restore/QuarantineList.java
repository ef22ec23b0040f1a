package io.drrunbooks.restore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A quarantine's file hashes, kept beside it as {@code <quarantine>.files.json} (a JSON object, path to sha256, sorted):
 * a registry of 20,000 files makes a list of megabytes, too long for an audit row, so the trail records the list's
 * sha256 and whoever reads the list back checks it against that. Written whole or not at all (a temporary file
 * renamed), and written the same byte for byte when the quarantine is finished again after a crash.
 */
public final class QuarantineList {

    private static final String SUFFIX = ".files.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuarantineList() {
    }

    /** Where the list of the quarantine {@code quarantined} is kept. */
    public static Path of(Path quarantined) {
        return quarantined.resolveSibling(quarantined.getFileName() + SUFFIX);
    }

    /** Writes the list and returns its sha256 (hex). */
    static String write(Path quarantined, Map<String, String> fileSha256) {
        Path list = of(quarantined);
        Path partial = list.resolveSibling("." + list.getFileName() + ".partial");
        try {
            byte[] bytes = JSON.writeValueAsBytes(new TreeMap<>(fileSha256));
            Files.write(partial, bytes);
            Files.move(partial, list, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Trees.syncDirectory(list.getParent());
            return sha256(bytes);
        } catch (IOException e) {
            throw new RestoreException("cannot write the file list of " + quarantined + " to " + list + ": " + e, e);
        }
    }

    /** The list of the quarantine, refused unless its sha256 is the one recorded when it was written. */
    public static Map<String, String> read(Path quarantined, String expectedSha256) {
        Path list = of(quarantined);
        try {
            byte[] bytes = Files.readAllBytes(list);
            String actual = sha256(bytes);
            if (!actual.equals(expectedSha256)) {
                throw new RestoreException("the file list " + list + " has sha256 " + actual + ", not the "
                        + expectedSha256 + " recorded when " + quarantined + " was quarantined");
            }
            return JSON.readValue(bytes, new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException e) {
            throw new RestoreException("cannot read the file list " + list + ": " + e, e);
        }
    }

    /** The list goes with its quarantine when the tree is moved back. */
    static void delete(Path quarantined) {
        try {
            Files.deleteIfExists(of(quarantined));
        } catch (IOException e) {
            throw new RestoreException("cannot delete " + of(quarantined) + ": " + e, e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Trees.sha256Digest().digest(bytes));
    }
}
