package io.drrunbooks.engine.embedded;

import org.w3c.dom.Element;

/** Service tasks, user tasks and call activities: the Zeebe extension becomes Operaton attributes. */
final class TaskRules {

    /** Zeebe's default when taskDefinition has no retries attribute. */
    static final int DEFAULT_RETRIES = 3;

    private TaskRules() {
    }

    /** Job type becomes external task topic: workers then pull by the same name on both engines. */
    static void serviceTask(Conversion c, Element task) {
        Element definition = c.zeebe(task, "taskDefinition");
        if (definition == null || definition.getAttribute("type").isBlank()) {
            c.problem(task, "service task without zeebe:taskDefinition type");
            return;
        }
        String type = definition.getAttribute("type");
        if (type.startsWith("=")) {
            c.problem(task, "job type must be a literal, not the expression " + type);
            return;
        }
        Integer retries = retries(c, task, definition.getAttribute("retries"));
        if (retries == null) {
            return;
        }
        Integer earlier = c.retriesByJobType.putIfAbsent(type, retries);
        if (earlier != null && !earlier.equals(retries)) {
            // retries are applied by the worker per job type on the embedded engine, so they must agree
            c.problem(task, "job type " + type + " has retries " + retries + " here but " + earlier + " elsewhere");
            return;
        }
        c.later(() -> {
            c.setOperaton(task, "type", "external");
            c.setOperaton(task, "topic", type);
        });
    }

    private static Integer retries(Conversion c, Element task, String text) {
        if (text.isBlank()) {
            return DEFAULT_RETRIES;
        }
        try {
            int retries = Integer.parseInt(text.trim());
            if (retries >= 0) {
                return retries;
            }
        } catch (NumberFormatException e) {
            // reported below, with the element
        }
        c.problem(task, "retries must be a non-negative integer literal, not " + text);
        return null;
    }

    /** The Camunda Form is deployed beside the model, so formRef with binding latest finds it by id. */
    static void userTask(Conversion c, Element task) {
        c.zeebe(task, "userTask"); // marker for a Camunda user task; Operaton's user tasks are always that
        Element form = c.zeebe(task, "formDefinition");
        String formId = form == null ? "" : form.getAttribute("formId");
        if (form != null && (form.hasAttribute("formKey") || form.hasAttribute("externalReference"))) {
            c.problem(task, "only zeebe:formDefinition formId (a deployed Camunda Form) is in the portable subset");
        } else if (formId.isBlank()) {
            c.problem(task, "user task without a form (zeebe:formDefinition formId)");
        } else if (formId.startsWith("=")) {
            c.problem(task, "formId must be a literal, not the expression " + formId);
        } else {
            c.formIds.add(formId);
            c.later(() -> {
                c.setOperaton(task, "formRef", formId);
                c.setOperaton(task, "formRefBinding", "latest");
            });
        }
        Element assignment = c.zeebe(task, "assignmentDefinition");
        if (assignment != null) {
            for (String name : new String[] {"assignee", "candidateGroups", "candidateUsers"}) {
                if (assignment.hasAttribute(name)) {
                    String value = ExpressionRules.literalOrVariable(c, task, name, assignment.getAttribute(name));
                    if (value != null) {
                        c.later(() -> c.setOperaton(task, name, value));
                    }
                }
            }
        }
    }

    /**
     * Zeebe copies all parent variables into the child and, unless told otherwise, all child
     * variables back; Operaton copies nothing unless asked, so both directions are asked for.
     */
    static void callActivity(Conversion c, Element activity) {
        Element called = c.zeebe(activity, "calledElement");
        String processId = called == null ? "" : called.getAttribute("processId");
        if (processId.isBlank()) {
            c.problem(activity, "call activity without zeebe:calledElement processId");
            return;
        }
        String target = ExpressionRules.literalOrVariable(c, activity, "processId", processId);
        if (target == null) {
            return;
        }
        boolean in = !"false".equals(called.getAttribute("propagateAllParentVariables"));
        boolean out = !"false".equals(called.getAttribute("propagateAllChildVariables"));
        c.later(() -> {
            activity.setAttribute("calledElement", target);
            if (in) {
                allVariables(c, activity, "in");
            }
            if (out) {
                allVariables(c, activity, "out");
            }
        });
    }

    private static void allVariables(Conversion c, Element activity, String direction) {
        Element mapping = c.document.createElementNS(Conversion.OPERATON, "operaton:" + direction);
        mapping.setAttribute("variables", "all");
        c.extensionElements(activity).appendChild(mapping);
    }
}
