package io.drrunbooks.testsupport;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users every service test signs in as, one per role (plus a second approver and a commander who
 * is also an approver, for four eyes); each user's password is its name. The names are the ones the
 * tests have always recorded as actors, so runs are started by one user and approved by another.
 */
public final class TestUsers {

    public static final String COMMANDER = "ic-1";
    public static final String APPROVER = "approver-1";
    public static final String SECOND_APPROVER = "approver-2";
    public static final String OPERATOR = "op";
    public static final String AUDITOR = "auditor-1";
    /** Holds both roles: may start a run and approve others' runs, but not its own. */
    public static final String LEAD = "lead";

    /** The user who acts for each role when a test does not say who. */
    static final Map<String, String> BY_ROLE = Map.of("commander", COMMANDER, "approver", APPROVER,
            "operator", OPERATOR, "auditor", AUDITOR);

    private static final Map<String, List<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put(COMMANDER, List.of("commander"));
        ROLES.put(APPROVER, List.of("approver"));
        ROLES.put(SECOND_APPROVER, List.of("approver"));
        ROLES.put(OPERATOR, List.of("operator"));
        ROLES.put(AUDITOR, List.of("auditor"));
        ROLES.put(LEAD, List.of("commander", "approver"));
    }

    private TestUsers() {
    }

    /** {@code dr.security.users.*} with bcrypt hashes computed here, as an operator would configure them. */
    public static Map<String, Object> properties() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4); // the lowest cost: tests sign in often
        Map<String, Object> properties = new LinkedHashMap<>();
        ROLES.forEach((name, roles) -> {
            properties.put("dr.security.users." + name + ".password", "{bcrypt}" + bcrypt.encode(name));
            for (int i = 0; i < roles.size(); i++) {
                properties.put("dr.security.users." + name + ".roles[" + i + "]", roles.get(i));
            }
        });
        return properties;
    }

    /** The HTTP Basic header of a test user. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    public static void configure(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
