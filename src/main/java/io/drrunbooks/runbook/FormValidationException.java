package io.drrunbooks.runbook;

import java.util.Map;

/** Submitted values that do not fit the task's form; {@code fields} maps each bad field to why. */
public class FormValidationException extends RuntimeException {

    private final Map<String, String> fields;

    public FormValidationException(String formId, Map<String, String> fields) {
        super("the values do not fit form '" + formId + "': " + fields);
        this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
