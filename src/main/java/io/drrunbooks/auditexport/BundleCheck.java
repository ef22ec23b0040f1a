package io.drrunbooks.auditexport;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.audit.ChainCheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a bundle with nothing but the file (and, if given, the pinned key and the backup root), in the
 * order that makes each later step trustworthy: the key, the signature over {@code SHA256SUMS}, each
 * entry against it, then the content: the chain recomputed, its head as stated, the sets on disk.
 */
public final class BundleCheck {

    /**
     * @param pinnedKey  a PEM public key the bundle must be signed with; null accepts the bundle's own key
     * @param backupRoot where the listed sets are rehashed; null skips that
     */
    public record Options(Path bundle, Path pinnedKey, Path backupRoot) {
    }

    /** What a passing bundle holds. */
    public record Report(String runId, int events, int headSeq, String headHash, String keyFingerprint, boolean pinned,
                         int sets, int setsChecked) {
    }

    private final Options options;
    private final ObjectMapper json = new ObjectMapper();

    public BundleCheck(Options options) {
        this.options = options;
    }

    /** The report of a bundle that checks out; a {@link BundleRejected} naming the first thing that does not. */
    public Report run() throws IOException {
        Map<String, byte[]> entries = BundleZip.read(options.bundle());
        PublicKey key = key(entries);
        byte[] sums = entries.get(BundleZip.SUMS);
        if (!signatureHolds(key, sums, entries.get(BundleZip.SIGNATURE))) {
            throw new BundleRejected(BundleZip.SIGNATURE + ": the signature of " + BundleZip.SUMS + " does not verify with key "
                    + Pem.fingerprint(key) + ": " + BundleZip.SUMS + " was altered or signed with another key");
        }
        checkSums(entries, sums);

        JsonNode bundle = readJson(entries.get(BundleZip.BUNDLE), BundleZip.BUNDLE);
        String runId = field(bundle, "runId").asText();
        int headSeq = field(bundle, "headSeq").asInt();
        String headHash = field(bundle, "headHash").asText();
        if (field(bundle, "formatVersion").asInt() != AuditExport.FORMAT_VERSION) {
            throw new BundleRejected(BundleZip.BUNDLE + ": unknown formatVersion " + bundle.get("formatVersion"));
        }
        List<AuditEvent> events = ExportedEvents.parse(entries.get(BundleZip.EVENTS), runId, json);
        ChainCheck chain = AuditTrail.check(runId, events);
        if (!chain.intact()) {
            throw new BundleRejected(BundleZip.EVENTS + ": " + chain.problem());
        }
        AuditEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        if (last == null || last.seq() != headSeq || !last.hash().equals(headHash)) {
            throw new BundleRejected(BundleZip.EVENTS + " ends at " + (last == null ? "no event" : "event " + last.seq() + " (" + last.hash() + ")")
                    + " but " + BundleZip.BUNDLE + " states the head is event " + headSeq + " (" + headHash + "): events are missing at the end");
        }
        List<UsedSet> sets = readSets(entries.get(BundleZip.SETS));
        int setsChecked = options.backupRoot() == null ? 0 : SetRecheck.check(sets, options.backupRoot());
        return new Report(runId, events.size(), headSeq, headHash, Pem.fingerprint(key), options.pinnedKey() != null,
                sets.size(), setsChecked);
    }

    private PublicKey key(Map<String, byte[]> entries) throws IOException {
        PublicKey own;
        try {
            own = Pem.publicKey(new String(entries.get(BundleZip.KEY), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new BundleRejected(BundleZip.KEY + ": " + e.getMessage());
        }
        if (options.pinnedKey() == null) {
            return own;
        }
        PublicKey pinned;
        try {
            pinned = Pem.publicKey(Files.readString(options.pinnedKey(), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pinned key " + options.pinnedKey() + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(own.getEncoded(), pinned.getEncoded())) {
            throw new BundleRejected("the bundle is signed with key " + Pem.fingerprint(own) + ", not the pinned key "
                    + Pem.fingerprint(pinned) + " (" + options.pinnedKey() + ")");
        }
        return pinned;
    }

    private static boolean signatureHolds(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(SigningKey.ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }

    /** SHA256SUMS must list exactly the signed entries, each with the hash it has. */
    private static void checkSums(Map<String, byte[]> entries, byte[] sums) {
        Map<String, String> listed = new LinkedHashMap<>();
        List<String> lines = new String(sums, StandardCharsets.US_ASCII).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("  ", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || listed.put(parts[1], parts[0]) != null) {
                throw new BundleRejected(BundleZip.SUMS + " line " + (i + 1) + " is not '<sha256>  <entry>' of a new entry: " + lines.get(i));
            }
        }
        if (!listed.keySet().equals(new HashSet<>(BundleZip.SIGNED))) {
            throw new BundleRejected(BundleZip.SUMS + " lists " + listed.keySet() + ", not the signed entries " + BundleZip.SIGNED);
        }
        for (String name : BundleZip.SIGNED) {
            String actual = BundleZip.sha256(entries.get(name));
            if (!actual.equals(listed.get(name))) {
                throw new BundleRejected(name + " has sha256 " + actual + " but the signed " + BundleZip.SUMS + " says "
                        + listed.get(name) + ": the entry was altered after signing");
            }
        }
    }

    private JsonNode readJson(byte[] bytes, String entry) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new BundleRejected(entry + " is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode field(JsonNode bundle, String name) {
        JsonNode value = bundle.get(name);
        if (value == null || value.isNull()) {
            throw new BundleRejected(BundleZip.BUNDLE + " has no '" + name + "'");
        }
        return value;
    }

    private List<UsedSet> readSets(byte[] bytes) {
        try {
            return json.readValue(bytes, new TypeReference<List<UsedSet>>() { });
        } catch (IOException e) {
            throw new BundleRejected(BundleZip.SETS + " is not a list of sets: " + e.getMessage());
        }
    }
}
