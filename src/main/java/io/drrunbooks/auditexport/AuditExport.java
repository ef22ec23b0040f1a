package io.drrunbooks.auditexport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.BackupSets;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exports a run's trail as a signed bundle (see the package doc). The export is itself audited:
 * an {@code audit.exported} event is appended after the exported head, so the run's chain moves on
 * while the bundle states the head it holds, and the event records the digest that was signed.
 */
public final class AuditExport {

    public static final String EXPORTED = "audit.exported";
    static final int FORMAT_VERSION = 1;

    /** @param fileName what a browser saves the zip as */
    public record Bundle(String runId, String fileName, byte[] zip, int headSeq, String headHash) {
    }

    public record Options(AuditTrail audit, BackupSets backups, SigningKey key, Clock clock) {
    }

    private final Options options;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AuditExport(Options options) {
        this.options = options;
    }

    /** The run's bundle, or empty for a run with no trail. */
    public Optional<Bundle> export(String runId, String exportedBy) {
        List<AuditEvent> events = options.audit().events(runId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        AuditEvent head = events.get(events.size() - 1);
        List<UsedSet> sets = UsedSets.of(events, options.backups());
        String fingerprint = Pem.fingerprint(options.key().publicKey());

        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("formatVersion", FORMAT_VERSION);
        bundle.put("runId", runId);
        bundle.put("exportedAt", Instant.now(options.clock()).truncatedTo(ChronoUnit.MILLIS).toString());
        bundle.put("exportedBy", exportedBy);
        bundle.put("headSeq", head.seq());
        bundle.put("headHash", head.hash());
        bundle.put("signatureAlgorithm", SigningKey.ALGORITHM);
        bundle.put("keyFingerprint", fingerprint);

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(BundleZip.BUNDLE, write(bundle));
        entries.put(BundleZip.EVENTS, write(events));
        entries.put(BundleZip.SETS, write(sets));
        entries.put(BundleZip.KEY, options.key().publicPem().getBytes(StandardCharsets.US_ASCII));
        byte[] sums = BundleZip.sums(entries);
        entries.put(BundleZip.SUMS, sums);
        entries.put(BundleZip.SIGNATURE, options.key().sign(sums));

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("headSeq", head.seq());
        detail.put("headHash", head.hash());
        detail.put("sha256Sums", BundleZip.sha256(sums));
        detail.put("keyFingerprint", fingerprint);
        detail.put("backupSets", sets.stream().map(UsedSet::id).toList());
        options.audit().append(runId, exportedBy, EXPORTED, null, detail);
        return Optional.of(new Bundle(runId, "audit-" + runId + "-" + head.seq() + ".zip", BundleZip.zip(entries),
                head.seq(), head.hash()));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the bundle: " + e.getOriginalMessage(), e);
        }
    }
}
