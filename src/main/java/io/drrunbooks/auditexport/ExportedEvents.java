package io.drrunbooks.auditexport;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.audit.AuditEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code events.json} read back into events, each field checked for presence and type, naming the event. */
final class ExportedEvents {

    private static final TypeReference<List<Map<String, Object>>> EVENTS = new TypeReference<>() { };

    private ExportedEvents() {
    }

    static List<AuditEvent> parse(byte[] bytes, String runId, ObjectMapper json) {
        List<Map<String, Object>> raw;
        try {
            raw = json.readValue(bytes, EVENTS);
        } catch (IOException e) {
            throw new BundleRejected(BundleZip.EVENTS + " is not a JSON array of events: " + e.getMessage());
        }
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> event = raw.get(i);
            String where = BundleZip.EVENTS + ": event #" + (i + 1) + (event.get("seq") == null ? "" : " (seq " + event.get("seq") + ")");
            if (!(event.get("seq") instanceof Integer seq)) {
                throw new BundleRejected(where + " has no integer 'seq'");
            }
            if (!(event.get("detail") instanceof Map<?, ?> detail)) {
                throw new BundleRejected(where + " has no object 'detail'");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) detail;
            events.add(new AuditEvent(runId, seq, text(event, "at", where), text(event, "actor", where),
                    text(event, "type", where), optionalText(event, "step", where), details,
                    text(event, "hash", where), text(event, "prevHash", where)));
        }
        return events;
    }

    private static String text(Map<String, Object> event, String field, String where) {
        String value = optionalText(event, field, where);
        if (value == null) {
            throw new BundleRejected(where + " has no '" + field + "'");
        }
        return value;
    }

    private static String optionalText(Map<String, Object> event, String field, String where) {
        Object value = event.get(field);
        if (value != null && !(value instanceof String)) {
            throw new BundleRejected(where + ": '" + field + "' is not a string");
        }
        return (String) value;
    }
}
