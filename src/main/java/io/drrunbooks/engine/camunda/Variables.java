package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.search.response.Variable;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables found by the search API carry their values as JSON text; the port hands out the same
 * plain JSON values (maps, lists, strings, numbers, booleans) as the embedded engine does.
 */
final class Variables {

    /** Enough for any run of ours: a page this size never truncates a run's variables, steps or tasks. */
    static final int PAGE = 1000;

    private Variables() {
    }

    static Map<String, Object> toMap(List<Variable> found, ObjectMapper json) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Variable variable : found) {
            try {
                variables.put(variable.getName(), json.readValue(variable.getValue(), Object.class));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("variable '" + variable.getName() + "' is not JSON", e);
            }
        }
        return variables;
    }
}
