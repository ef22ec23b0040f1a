package io.drrunbooks.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The chain's arithmetic: canonical JSON of an event and its hash (see the package doc). */
final class EventHasher {

    static final String GENESIS = "0".repeat(64);

    /**
     * Sorted keys, no whitespace, strings escaped and numbers written as JavaScript's JSON.stringify
     * writes them (control characters in lower-case hex; {@link EcmaScriptNumbers}), so that the chain
     * recomputes with nothing but a JavaScript engine (bin/audit-chain.mjs does it with Node alone).
     */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .addModule(EcmaScriptNumbers.module())
            .build();

    /**
     * The form of events hashed before the canonical form followed JSON.stringify (Jackson's upper-case hex
     * escapes, Java's numbers): only an event holding a control character or a fraction differs, and a chain
     * written then still checks.
     */
    private static final ObjectMapper EARLIER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private EventHasher() {
    }

    static String canonicalJson(String runId, int seq, String at, String actor, String type, String step,
                                Map<String, Object> detail) {
        return write(event(runId, seq, at, actor, type, step, detail));
    }

    /** Whether the event's stored hash recomputes over {@code prevHash}, in the canonical form or the earlier one. */
    static boolean recomputes(String prevHash, AuditEvent event) {
        Map<String, Object> fields = event(event.runId(), event.seq(), event.at(), event.actor(), event.type(), event.step(),
                event.detail());
        return event.hash().equals(hash(prevHash, write(fields))) || event.hash().equals(hash(prevHash, write(EARLIER, fields)));
    }

    private static Map<String, Object> event(String runId, int seq, String at, String actor, String type, String step,
                                             Map<String, Object> detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("runId", runId);
        event.put("seq", seq);
        event.put("at", at);
        event.put("actor", actor);
        event.put("type", type);
        event.put("step", step);
        event.put("detail", detail);
        return event;
    }

    static String write(Object value) {
        return write(CANONICAL, value);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not JSON-serializable: " + e.getOriginalMessage(), e);
        }
    }

    static String hash(String prevHash, String canonicalJson) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
