package io.drrunbooks.engine;

import java.util.Map;

/**
 * A business outcome a step reports to the model: caught by an error boundary event with the same
 * code, never retried. Technical failures are plain exceptions and are retried.
 */
public class BpmnError extends RuntimeException {

    private final String code;
    private final Map<String, Object> variables;

    public BpmnError(String code, String message, Map<String, Object> variables) {
        super(message);
        this.code = code;
        this.variables = Map.copyOf(variables);
    }

    public BpmnError(String code, String message) {
        this(code, message, Map.of());
    }

    public String code() {
        return code;
    }

    public Map<String, Object> variables() {
        return variables;
    }
}
