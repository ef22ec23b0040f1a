package io.drrunbooks.notify;

import io.drrunbooks.notify.NotifyProperties.Contact;
import io.drrunbooks.notify.NotifyProperties.Level;
import io.drrunbooks.notify.NotifyProperties.RunbookLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured escalation paths, checked once at start: a path that names an unknown contact or
 * cannot say when to escalate would only fail in the middle of an incident.
 */
final class EscalationPaths {

    private final NotifyProperties properties;

    EscalationPaths(NotifyProperties properties) {
        this.properties = properties;
        List<String> problems = new ArrayList<>();
        properties.escalation().forEach((type, path) -> {
            if (path.levels().isEmpty()) {
                problems.add("dr.escalation." + type + " has no levels");
            }
            for (int n = 0; n < path.levels().size(); n++) {
                Level level = path.levels().get(n);
                String at = "dr.escalation." + type + ".levels[" + n + "]";
                if (level.contacts().isEmpty()) {
                    problems.add(at + ".contacts is empty");
                }
                level.contacts().stream().filter(c -> !properties.contacts().containsKey(c))
                        .forEach(c -> problems.add(at + " names the unknown contact '" + c + "' (dr.contacts." + c + ")"));
                if (n < path.levels().size() - 1 && (level.after() == null || level.after().isNegative())) {
                    problems.add(at + ".after must be an ISO-8601 duration: when the next level is notified");
                }
            }
        });
        properties.runbooks().forEach((runbook, link) -> {
            if (link.issueType() != null && !properties.escalation().containsKey(link.issueType())) {
                problems.add("dr.runbooks." + runbook + ".issue-type names the unknown type '" + link.issueType() + "'");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("escalation configuration: " + String.join("; ", problems));
        }
    }

    boolean knows(String issueType) {
        return properties.escalation().containsKey(issueType);
    }

    List<String> types() {
        return List.copyOf(properties.escalation().keySet());
    }

    Level level(String issueType, int index) {
        return levels(issueType).get(index);
    }

    boolean hasHigherLevel(String issueType, int index) {
        return index + 1 < levels(issueType).size();
    }

    Map<String, Contact> contacts() {
        return properties.contacts();
    }

    Optional<String> issueTypeOf(String runbook) {
        return Optional.ofNullable(properties.runbooks().get(runbook)).map(RunbookLink::issueType);
    }

    private List<Level> levels(String issueType) {
        NotifyProperties.Path path = properties.escalation().get(issueType);
        if (path == null) {
            throw new IllegalArgumentException("unknown issue type '" + issueType + "'; known: " + types());
        }
        return path.levels();
    }
}
