package io.drrunbooks.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step gets: the run, the element it executes for, and the run's variables.
 *
 * @param jobKey the engine's id of this job; stable across redeliveries of the same job
 * @param retriesLeft how many more attempts follow a failure of this one
 */
public record StepContext(String runId, String processId, String step, String jobType, String jobKey,
                          int retriesLeft, Map<String, Object> variables) {

    public Optional<Object> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public String string(String name) {
        Object value = variables.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("step '" + step + "' needs the variable '" + name + "'");
        }
        return value.toString();
    }

    public Optional<String> optionalString(String name) {
        Object value = variables.get(name);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    public boolean flag(String name) {
        Object value = variables.get(name);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    public Duration duration(String name) {
        return Duration.parse(string(name));
    }

    /** A list variable (JSON array), as strings. */
    public List<String> strings(String name) {
        Object value = variables.get(name);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value == null) {
            return List.of();
        }
        throw new IllegalArgumentException("step '" + step + "': variable '" + name + "' must be a list, got " + value);
    }
}
