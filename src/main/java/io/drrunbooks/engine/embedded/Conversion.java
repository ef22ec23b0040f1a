package io.drrunbooks.engine.embedded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One pass over one model: the rules read the Zeebe dialect and queue their edits here; the
 * edits are applied only when no rule found a problem, so linting never changes the document.
 */
final class Conversion {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
    static final String OPERATON = "http://operaton.org/schema/1.0/bpmn";
    /** Operaton refuses process definitions without a history time to live (enforced by default). */
    static final String HISTORY_TIME_TO_LIVE = "P180D";

    final String resource;
    final Document document;
    final List<String> problems = new ArrayList<>();
    final List<String> processIds = new ArrayList<>();
    final Map<String, Integer> retriesByJobType = new LinkedHashMap<>();
    final Set<String> formIds = new LinkedHashSet<>();
    final Map<String, String> correlationVariableByMessage = new LinkedHashMap<>();

    private final Set<Element> consumed = new HashSet<>();
    private final List<Runnable> edits = new ArrayList<>();

    Conversion(String resource, Document document) {
        this.resource = resource;
        this.document = document;
    }

    void run() {
        Element root = document.getDocumentElement();
        if (!BPMN.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
            problem(root, "the document is not BPMN 2.0 definitions");
            return;
        }
        List<Element> semantic = Subset.semanticElements(root);
        for (Element element : semantic) {
            if (BPMN.equals(element.getNamespaceURI()) && Subset.check(this, element)) {
                rewrite(element);
            }
        }
        Subset.reportUnconsumed(this, semantic, consumed);
        if (problems.isEmpty()) {
            edits.forEach(Runnable::run);
            tidy(root);
        }
    }

    private void rewrite(Element element) {
        switch (element.getLocalName()) {
            case "process" -> process(element);
            case "serviceTask" -> TaskRules.serviceTask(this, element);
            case "userTask" -> TaskRules.userTask(this, element);
            case "callActivity" -> TaskRules.callActivity(this, element);
            case "conditionExpression" -> ExpressionRules.condition(this, element);
            case "timeDuration", "timeDate", "timeCycle" -> ExpressionRules.timer(this, element);
            case "multiInstanceLoopCharacteristics" -> ExpressionRules.multiInstance(this, element);
            case "message" -> ExpressionRules.message(this, element);
            default -> {
                // standard BPMN that both engines read alike: nothing to rewrite
            }
        }
    }

    private void process(Element process) {
        if ("true".equals(process.getAttribute("isExecutable"))) {
            processIds.add(process.getAttribute("id"));
        }
        later(() -> setOperaton(process, "historyTimeToLive", HISTORY_TIME_TO_LIVE));
    }

    void problem(Element element, String text) {
        problems.add(resource + ": " + idOf(element) + ": " + text);
    }

    /** Queues an edit of the document; it runs only if the whole model is in the subset. */
    void later(Runnable edit) {
        edits.add(edit);
    }

    /** The Zeebe extension element {@code zeebe:<local>} of owner, or null; marked as understood. */
    Element zeebe(Element owner, String local) {
        for (Element extensions : children(owner, BPMN, "extensionElements")) {
            for (Element candidate : children(extensions, ZEEBE, local)) {
                consumed.add(candidate);
                return candidate;
            }
        }
        return null;
    }

    void setOperaton(Element element, String name, String value) {
        element.setAttributeNS(OPERATON, "operaton:" + name, value);
    }

    /** The owner's extensionElements, created where the BPMN schema wants it: after documentation. */
    Element extensionElements(Element owner) {
        List<Element> existing = children(owner, BPMN, "extensionElements");
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        Element created = document.createElementNS(BPMN, qualified(owner, "extensionElements"));
        Node before = owner.getFirstChild();
        while (before != null && (!(before instanceof Element e) || "documentation".equals(e.getLocalName()))) {
            before = before.getNextSibling();
        }
        owner.insertBefore(created, before);
        return created;
    }

    /** A BPMN element name with the prefix the author used for BPMN, so the output reads alike. */
    static String qualified(Element sibling, String local) {
        return sibling.getPrefix() == null ? local : sibling.getPrefix() + ":" + local;
    }

    static List<Element> children(Element parent, String namespace, String local) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The id the author sees in the Modeler: event definitions have ids too, but are not shown. */
    static String idOf(Element element) {
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            if (e.hasAttribute("id") && !e.getLocalName().endsWith("EventDefinition")) {
                return e.getAttribute("id");
            }
        }
        return "(no id)";
    }

    /** Drops the understood Zeebe elements, the extensionElements they leave empty, and the namespace. */
    private void tidy(Element root) {
        for (Element element : consumed) {
            Element extensions = (Element) element.getParentNode();
            removeWithIndent(element);
            if (extensions.getElementsByTagNameNS("*", "*").getLength() == 0) {
                removeWithIndent(extensions);
            }
        }
        for (Element element : Subset.semanticElements(root)) {
            var attributes = element.getAttributes();
            for (int i = attributes.getLength() - 1; i >= 0; i--) {
                Node attribute = attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                        && ZEEBE.equals(attribute.getNodeValue())) {
                    element.removeAttributeNode((org.w3c.dom.Attr) attribute);
                }
            }
        }
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:operaton", OPERATON);
    }

    /** Takes the indentation before a removed element along, so the output stays readable. */
    private static void removeWithIndent(Element element) {
        Node before = element.getPreviousSibling();
        if (before != null && before.getNodeType() == Node.TEXT_NODE && before.getNodeValue().isBlank()) {
            before.getParentNode().removeChild(before);
        }
        element.getParentNode().removeChild(element);
    }
}
