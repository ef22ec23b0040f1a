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
     * Sorted keys, no whitespace, and strings escaped as JavaScript's JSON.stringify and Python's
     * json.dumps escape them (control characters in lower-case hex), so that the chain
     * recomputes with the JSON any language writes (bin/audit-chain.mjs does it with Node alone).
     */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private EventHasher() {
    }

    static String canonicalJson(String runId, int seq, String at, String actor, String type, String step,
                                Map<String, Object> detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("runId", runId);
        event.put("seq", seq);
        event.put("at", at);
        event.put("actor", actor);
        event.put("type", type);
        event.put("step", step);
        event.put("detail", detail);
        return write(event);
    }

    static String write(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
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
