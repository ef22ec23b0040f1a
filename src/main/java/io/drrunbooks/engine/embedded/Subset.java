package io.drrunbooks.engine.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The portable subset as an allow-list: a BPMN element missing here is one that one of the two
 * engines would run differently or not at all, so the model is refused rather than half-run.
 */
final class Subset {

    private static final String BPMN_DI = "http://www.omg.org/spec/BPMN/20100524/DI";

    private static final Set<String> ALLOWED = Set.of(
            "definitions", "process", "collaboration", "participant", "messageFlow",
            "laneSet", "lane", "childLaneSet", "flowNodeRef",
            "documentation", "extensionElements", "textAnnotation", "text", "association",
            "group", "category", "categoryValue",
            "incoming", "outgoing", "sequenceFlow", "conditionExpression",
            "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
            "serviceTask", "userTask", "receiveTask", "manualTask", "task", "callActivity", "subProcess",
            "exclusiveGateway", "parallelGateway", "eventBasedGateway",
            "timerEventDefinition", "timeDuration", "timeDate", "timeCycle",
            "messageEventDefinition", "errorEventDefinition", "escalationEventDefinition",
            "terminateEventDefinition", "multiInstanceLoopCharacteristics",
            "message", "error", "escalation");

    /** Why the commonest outsiders are refused, so the author knows what to change. */
    private static final Map<String, String> REASONS = Map.of(
            "scriptTask", "script tasks are not in the portable subset: use a service task (job worker)",
            "businessRuleTask", "business rule tasks are not in the portable subset: use a service task",
            "sendTask", "send tasks are not in the portable subset: use a service task",
            "inclusiveGateway", "inclusive gateways are not in the portable subset: use exclusive or parallel",
            "complexGateway", "complex gateways are not in the portable subset",
            "completionCondition", "multi-instance completion conditions are not in the portable subset",
            "loopCardinality", "multi-instance loop cardinality is not in the portable subset: use a collection",
            "standardLoopCharacteristics", "standard loops are not in the portable subset: use multi-instance");

    private Subset() {
    }

    /** Every element of the process part of the model: the diagram is layout, never rewritten or judged. */
    static List<Element> semanticElements(Element root) {
        List<Element> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Element element, List<Element> found) {
        if (BPMN_DI.equals(element.getNamespaceURI())) {
            return;
        }
        found.add(element);
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, found);
            }
        }
    }

    /** Reports a BPMN element outside the subset; true when the element may be rewritten. */
    static boolean check(Conversion conversion, Element element) {
        String local = element.getLocalName();
        if (!ALLOWED.contains(local)) {
            conversion.problem(element, REASONS.getOrDefault(local,
                    "bpmn:" + local + " is not in the portable BPMN subset"));
            return false;
        }
        if ("process".equals(local) && noneOrTimerStarts(element) > 1) {
            conversion.problem(element, "more than one none or timer start event: Operaton refuses a second one and Zeebe"
                    + " creates instances through the API only at the none start; give a schedule a model of its own");
        }
        if ("messageEventDefinition".equals(local)) {
            String event = ((Element) element.getParentNode()).getLocalName();
            if ("intermediateThrowEvent".equals(event) || "endEvent".equals(event)) {
                conversion.problem(element, "message throw events are not in the portable subset: use a service task");
                return false;
            }
        }
        if ("escalationEventDefinition".equals(local) && !onSubProcessOrCallActivity((Element) element.getParentNode())) {
            conversion.problem(element, "an escalation boundary event must be attached to a sub-process or call activity:"
                    + " only they throw escalations on both engines");
        }
        String code = "escalation".equals(local) ? "escalationCode" : "error".equals(local) ? "errorCode" : null;
        if (code != null && element.getAttribute(code).trim().startsWith("=")) {
            // Zeebe would evaluate it as FEEL, Operaton would match the text itself
            conversion.problem(element, code + " must be a literal, not the expression " + element.getAttribute(code));
        }
        return true;
    }

    /**
     * True for every event but a boundary one elsewhere: Operaton refuses one on other tasks at deploy,
     * Zeebe deploys it but no job can throw an escalation, so the model would differ or be dead.
     */
    private static boolean onSubProcessOrCallActivity(Element event) {
        if (!"boundaryEvent".equals(event.getLocalName())) {
            return true;
        }
        String attachedTo = event.getAttribute("attachedToRef");
        var candidates = event.getOwnerDocument().getElementsByTagNameNS(Conversion.BPMN, "*");
        for (int i = 0; i < candidates.getLength(); i++) {
            Element candidate = (Element) candidates.item(i);
            if (attachedTo.equals(candidate.getAttribute("id"))) {
                return Set.of("subProcess", "callActivity").contains(candidate.getLocalName());
            }
        }
        return false;
    }

    private static long noneOrTimerStarts(Element process) {
        long count = 0;
        for (Node n = process.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element start && "startEvent".equals(start.getLocalName())) {
                boolean messageOrOther = false;
                for (Node d = start.getFirstChild(); d != null; d = d.getNextSibling()) {
                    messageOrOther |= d instanceof Element definition && definition.getLocalName().endsWith("EventDefinition")
                            && !"timerEventDefinition".equals(definition.getLocalName());
                }
                count += messageOrOther ? 0 : 1;
            }
        }
        return count;
    }

    /** Any extension a rule did not understand is refused: silently dropping it would change behaviour. */
    static void reportUnconsumed(Conversion conversion, List<Element> semantic, Set<Element> consumed) {
        for (Element element : semantic) {
            String namespace = element.getNamespaceURI();
            boolean insideExtension = element.getParentNode() instanceof Element parent
                    && !Conversion.BPMN.equals(parent.getNamespaceURI());
            if (!Conversion.BPMN.equals(namespace) && !consumed.contains(element) && !insideExtension) {
                conversion.problem(element, "extension element " + element.getTagName()
                        + " is not in the portable BPMN subset");
            }
            var attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                if (Conversion.ZEEBE.equals(attribute.getNamespaceURI())) {
                    conversion.problem(element, "extension attribute " + attribute.getNodeName()
                            + " is not in the portable BPMN subset");
                }
            }
        }
    }
}
