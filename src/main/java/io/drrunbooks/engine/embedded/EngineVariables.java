package io.drrunbooks.engine.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run variables are JSON values on both engines (Zeebe stores nothing else). Operaton keeps
 * lists and maps as serialized Java objects, so values are copied into plain {@link ArrayList} /
 * {@link LinkedHashMap} trees on the way in and dates turned into ISO strings on the way out.
 */
final class EngineVariables {

    private EngineVariables() {
    }

    /** The variables as a tree of JSON values, in both directions. */
    static Map<String, Object> plain(Map<String, ?> variables) {
        Map<String, Object> copy = new LinkedHashMap<>();
        variables.forEach((name, value) -> copy.put(name, plain(value)));
        return copy;
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            ArrayList<Object> copy = new ArrayList<>();
            collection.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }
}
