package io.drrunbooks.security;

import java.util.List;
import java.util.Set;

/**
 * The four roles of DESIGN.md "Who uses it". A user task's candidate group is one of them: the role
 * that may complete it. Runs of the operator's runbooks are started by operators, every other run by
 * commanders.
 */
public final class Roles {

    public static final String COMMANDER = "commander";
    public static final String APPROVER = "approver";
    public static final String AUDITOR = "auditor";
    public static final String OPERATOR = "operator";
    /** Not a demo user's role: a deployment may map issue types to it (dr.notification.acknowledge-roles). */
    public static final String SECURITY = "security";

    public static final List<String> ALL = List.of(COMMANDER, APPROVER, AUDITOR, OPERATOR);
    /** The roles a configured user may hold. */
    static final List<String> CONFIGURABLE = List.of(COMMANDER, APPROVER, AUDITOR, OPERATOR, SECURITY);
    /** Every role but the auditor's, who reads and never changes state. */
    public static final List<String> ACTING = List.of(COMMANDER, APPROVER, OPERATOR, SECURITY);

    private static final Set<String> OPERATOR_RUNBOOKS = Set.of("backup", "verify-backup", "prune-backups");

    private Roles() {
    }

    /** The role that may start (and cancel) a run of the runbook. */
    public static String starterOf(String runbook) {
        return OPERATOR_RUNBOOKS.contains(runbook) ? OPERATOR : COMMANDER;
    }

    static String authority(String role) {
        return "ROLE_" + role;
    }
}
