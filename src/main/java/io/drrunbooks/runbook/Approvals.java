package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.UserTask;
import io.drrunbooks.security.Roles;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Four eyes on approval tasks (user tasks whose candidate group is {@code approver}): whoever started
 * the run cannot approve it, and a runbook may require {@code dr.runbooks.<id>.approvals} distinct
 * approvers. Until enough have approved, the task stays open and each approval is recorded in the
 * audit trail as {@code task.approval}; the trail is the record, so a restart loses none of them.
 * A refusal needs only one approver: it completes the task at once.
 */
@Component
class Approvals {

    static final String PARTIAL_APPROVAL = "task.approval";

    private final RunbookProperties properties;
    private final AuditTrail audit;
    private final Forms forms;

    Approvals(RunbookProperties properties, AuditTrail audit, Forms forms) {
        this.properties = properties;
        this.audit = audit;
        this.forms = forms;
    }

    /** Whether these (valid) values complete the task now; throws when the actor may not approve. */
    boolean completes(UserTask task, Map<String, Object> values, String actor) {
        if (!task.candidateGroups().contains(Roles.APPROVER)) {
            return true;
        }
        if (Objects.equals(actor, task.variables().get("startedBy"))) {
            throw new FourEyesException("four eyes: " + actor + " started run " + task.runId()
                    + " and so cannot complete its approval '" + task.name() + "'; another approver must");
        }
        int required = required(String.valueOf(task.variables().get("runbook")));
        boolean approving = forms.decisionField(task.formId()).map(field -> Boolean.TRUE.equals(values.get(field))).orElse(false);
        if (required <= 1 || !approving) {
            return true;
        }
        Set<String> approvers = approvers(task, Integer.MAX_VALUE);
        if (!approvers.add(actor)) {
            throw new FourEyesException("four eyes: " + actor + " already approved '" + task.name() + "'; it needs "
                    + required + " distinct approvers, " + approvers.size() + " so far");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("taskId", task.taskId());
        detail.put("formId", task.formId());
        detail.put("values", values);
        detail.put("approvals", approvers.size());
        detail.put("approvalsRequired", required);
        AuditEvent approval = audit.append(task.runId(), actor, PARTIAL_APPROVAL, task.step(), detail);
        // counted again up to this approval, not from what was read before it: of approvers who submit at
        // the same moment, the trail's order makes exactly one of them the one that completes the task
        return approvers(task, approval.seq()).size() == required;
    }

    private int required(String runbook) {
        RunbookProperties.Settings settings = properties.getRunbooks().get(runbook);
        return settings == null ? 1 : settings.getApprovals();
    }

    /** The distinct approvers of the task in the trail up to event {@code lastSeq}. */
    private Set<String> approvers(UserTask task, int lastSeq) {
        Set<String> approvers = new LinkedHashSet<>();
        for (AuditEvent event : audit.events(task.runId(), List.of(PARTIAL_APPROVAL))) {
            if (event.seq() <= lastSeq && task.taskId().equals(event.detail().get("taskId"))) {
                approvers.add(event.actor());
            }
        }
        return approvers;
    }
}
