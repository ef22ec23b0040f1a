package io.drrunbooks.web;

import io.drrunbooks.security.Roles;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dr.notification.acknowledge-roles.<issue type>}: the roles whose holders may acknowledge a notification of
 * that type (the people its contacts stand for); a type not listed needs the commander. E.g. {@code
 * security-incident: [security]} keeps anyone but the security team from silencing a broken audit chain.
 */
@ConfigurationProperties("dr.notification")
class AcknowledgeRoles {

    private Map<String, List<String>> acknowledgeRoles = new LinkedHashMap<>();

    public Map<String, List<String>> getAcknowledgeRoles() { return acknowledgeRoles; }
    public void setAcknowledgeRoles(Map<String, List<String>> acknowledgeRoles) { this.acknowledgeRoles = acknowledgeRoles; }

    List<String> of(String issueType) {
        return acknowledgeRoles.getOrDefault(issueType, List.of(Roles.COMMANDER));
    }
}
