package io.drrunbooks.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code dr.contacts}, {@code dr.escalation}, {@code dr.notification} and each runbook's
 * {@code dr.runbooks.<id>.issue-type}. The defaults in application.yaml are section 7's table.
 */
@ConfigurationProperties("dr")
record NotifyProperties(Map<String, Contact> contacts, Map<String, Path> escalation,
                        Map<String, RunbookLink> runbooks, @DefaultValue Delivery notification) {

    NotifyProperties {
        contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
        escalation = escalation == null ? Map.of() : Map.copyOf(escalation);
        runbooks = runbooks == null ? Map.of() : Map.copyOf(runbooks);
    }

    /** Someone to notify, on every channel given: e-mail addresses and webhook URLs. */
    record Contact(String name, List<String> email, List<String> webhook) {
        Contact {
            email = email == null ? List.of() : List.copyOf(email);
            webhook = webhook == null ? List.of() : List.copyOf(webhook);
        }
    }

    /** An issue type's escalation path: level 0 is the first contact. */
    record Path(List<Level> levels) {
        Path {
            levels = levels == null ? List.of() : List.copyOf(levels);
        }
    }

    /** Whom a level notifies, and how long it has to acknowledge before the next level is notified. */
    record Level(List<String> contacts, Duration after) {
        Level {
            contacts = contacts == null ? List.of() : List.copyOf(contacts);
        }
    }

    /** The issue type a runbook's runs raise; runbooks without one notify nobody. */
    record RunbookLink(String issueType) {
    }

    /**
     * @param attempts deliveries tried per contact and channel before giving up
     * @param backoff the wait before the second attempt, doubled before each later one
     * @param timeout for one webhook call
     * @param mailFrom the sender of notification e-mails
     */
    record Delivery(@DefaultValue("5") int attempts, @DefaultValue("PT2S") Duration backoff,
                    @DefaultValue("PT10S") Duration timeout, @DefaultValue("dr-runbooks@localhost") String mailFrom) {
    }
}
