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

    public static final List<String> ALL = List.of(COMMANDER, APPROVER, AUDITOR, OPERATOR);

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
