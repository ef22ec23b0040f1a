package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Camunda Forms in {@code forms/}, by their {@code id}, and the check of submitted values
 * against a form: only its fields, each of its type, the required ones present. Done here rather
 * than by an engine so that both engines refuse the same input with the same message.
 *
 * <p>A form's <em>decision</em> (approve, confirm, overwrite) is a checkbox with the custom property
 * {@code decision} = {@code true}. It must be given, true or false: a model's gateway sends a missing
 * decision down its default flow, so an empty completion would silently decide. It is not form-js
 * {@code required}, which would demand a ticked box and make refusing impossible.
 */
@Component
public class Forms {

    private static final String DECISION_PROPERTY = "decision";

    private final Map<String, JsonNode> byId = new TreeMap<>();
    private final Map<String, String> decisions = new TreeMap<>();

    Forms(Deployables deployables, ObjectMapper json) {
        for (ModelResource resource : deployables.forms()) {
            try {
                JsonNode form = json.readTree(resource.content());
                String id = form.path("id").asText("");
                if (id.isBlank()) {
                    throw new IllegalStateException("form " + resource.name() + " has no 'id'");
                }
                byId.put(id, form);
                decision(id, fields(form)).ifPresent(field -> decisions.put(id, field));
            } catch (IOException e) {
                throw new UncheckedIOException("form " + resource.name() + " is not JSON: " + e.getMessage(), e);
            }
        }
    }

    public Optional<JsonNode> schema(String formId) {
        return Optional.ofNullable(formId).map(byId::get);
    }

    /** The key of the form's decision field, which an approval counts on; empty when the form decides nothing. */
    Optional<String> decisionField(String formId) {
        return Optional.ofNullable(formId).map(decisions::get);
    }

    /** The fields of every form: what completing a user task writes into its run. */
    Set<String> fieldKeys() {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        byId.values().forEach(form -> collectFields(form.path("components"), fields));
        return Set.copyOf(fields.keySet());
    }

    /** The fields of one form, in its order. */
    Set<String> fieldKeys(String formId) {
        JsonNode form = schema(formId).orElseThrow(() -> new IllegalStateException("form '" + formId + "' is not deployed"));
        return Collections.unmodifiableSet(new LinkedHashSet<>(fields(form).keySet()));
    }

    Map<String, Object> validate(String formId, Map<String, Object> values) {
        JsonNode form = schema(formId).orElseThrow(() -> new IllegalStateException("form '" + formId + "' is not deployed"));
        Map<String, JsonNode> fields = fields(form);
        Optional<String> decision = decisionField(formId);
        Map<String, String> problems = new LinkedHashMap<>();
        values.keySet().stream().filter(key -> !fields.containsKey(key))
                .forEach(key -> problems.put(key, "is not a field of this form; its fields are " + fields.keySet()));
        fields.forEach((key, component) -> {
            Object value = values.get(key);
            boolean required = component.path("validate").path("required").asBoolean(false);
            // a required checkbox is a checklist item: it must be ticked, as form-js enforces it
            boolean unticked = Boolean.FALSE.equals(value) && "checkbox".equals(component.path("type").asText());
            if (value == null || (value instanceof String s && s.isBlank()) || (value instanceof List<?> l && l.isEmpty())
                    || (required && unticked)) {
                if (required || decision.filter(key::equals).isPresent()) {
                    problems.put(key, "is required");
                }
                return;
            }
            String expected = expectedType(component.path("type").asText());
            if (!fits(expected, value)) {
                problems.put(key, "must be " + expected + ", got " + value);
            } else if (component.has("values") && !offered(component.get("values"), value)) {
                problems.put(key, "must be among the offered values " + component.get("values").findValuesAsText("value")
                        + ", got " + value);
            }
        });
        if (!problems.isEmpty()) {
            throw new FormValidationException(formId, problems);
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        fields.keySet().stream().filter(values::containsKey).forEach(key -> accepted.put(key, values.get(key)));
        return accepted;
    }

    private static Map<String, JsonNode> fields(JsonNode form) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        collectFields(form.path("components"), fields);
        return fields;
    }

    /** The field marked as the form's decision; a form with a decision that cannot be both true and false is refused. */
    private static Optional<String> decision(String formId, Map<String, JsonNode> fields) {
        List<String> marked = fields.entrySet().stream()
                .filter(field -> field.getValue().path("properties").path(DECISION_PROPERTY).asText("").equals("true"))
                .map(Map.Entry::getKey).toList();
        if (marked.size() > 1) {
            throw new IllegalStateException("form " + formId + " marks " + marked + " as its decision; a form has one");
        }
        for (String key : marked) {
            JsonNode component = fields.get(key);
            if (!"checkbox".equals(component.path("type").asText())) {
                throw new IllegalStateException("form " + formId + ": decision field '" + key + "' is a "
                        + component.path("type").asText() + "; a decision is a checkbox");
            }
            if (component.path("validate").path("required").asBoolean(false)) {
                throw new IllegalStateException("form " + formId + ": decision field '" + key
                        + "' is required, which would only accept true; the service requires it given instead");
            }
        }
        return marked.stream().findFirst();
    }

    /** Fields may sit inside groups; text views and other display components have no key. */
    private static void collectFields(JsonNode components, Map<String, JsonNode> fields) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key") && !component.path("disabled").asBoolean(false)) {
                fields.put(component.get("key").asText(), component);
            }
            collectFields(component.path("components"), fields);
        }
    }

    /** A choice field's value, or every item of a list value, is one of the values the form offers. */
    private static boolean offered(JsonNode values, Object value) {
        List<String> allowed = values.findValuesAsText("value");
        return value instanceof List<?> items ? items.stream().allMatch(i -> allowed.contains(String.valueOf(i)))
                : allowed.contains(String.valueOf(value));
    }

    private static String expectedType(String componentType) {
        return switch (componentType) {
            case "checkbox" -> "a boolean";
            case "number" -> "a number";
            case "checklist", "taglist" -> "a list";
            default -> "text";
        };
    }

    private static boolean fits(String expected, Object value) {
        return switch (expected) {
            case "a boolean" -> value instanceof Boolean;
            case "a number" -> value instanceof Number;
            case "a list" -> value instanceof List<?>;
            default -> value instanceof String;
        };
    }
}
