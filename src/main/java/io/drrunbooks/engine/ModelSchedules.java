package io.drrunbooks.engine;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the configured schedules into the models before either engine sees them: the timer start
 * events named in the map get their {@code timeCycle} from configuration ({@code dr.backup.*-cron}),
 * and one whose schedule is empty is removed with its outgoing flows and its diagram shapes. Zeebe
 * evaluates a timer start event's expression without any variables, so configuration cannot reach
 * it at run time; it has to be in the deployed model.
 */
public final class ModelSchedules {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";

    private ModelSchedules() {
    }

    public static ModelResource apply(ModelResource model, Map<String, String> cronByTimerStart) {
        Document document;
        try {
            document = SafeXml.parse(model.content());
        } catch (Exception e) {
            return model; // not this class's to report: the adapter names the broken model
        }
        boolean changed = false;
        for (Element start : elements(document, BPMN, "startEvent")) {
            String cron = cronByTimerStart.get(start.getAttribute("id"));
            List<Element> cycles = elements(start, BPMN, "timeCycle");
            if (cron == null || cycles.isEmpty()) {
                continue;
            }
            if (cron.isBlank()) {
                remove(document, start);
            } else {
                cycles.get(0).setTextContent(cron);
            }
            changed = true;
        }
        return changed ? new ModelResource(model.name(), SafeXml.write(document)) : model;
    }

    private static void remove(Document document, Element start) {
        Set<String> gone = new HashSet<>(List.of(start.getAttribute("id")));
        for (Element flow : elements(document, BPMN, "sequenceFlow")) {
            if (gone.contains(flow.getAttribute("sourceRef"))) {
                gone.add(flow.getAttribute("id"));
                flow.getParentNode().removeChild(flow);
            }
        }
        start.getParentNode().removeChild(start);
        for (Element incoming : elements(document, BPMN, "incoming")) {
            if (gone.contains(incoming.getTextContent().trim())) {
                incoming.getParentNode().removeChild(incoming);
            }
        }
        for (String kind : List.of("BPMNShape", "BPMNEdge")) {
            for (Element shape : elements(document, BPMNDI, kind)) {
                if (gone.contains(shape.getAttribute("bpmnElement"))) {
                    shape.getParentNode().removeChild(shape);
                }
            }
        }
    }

    private static List<Element> elements(Node parent, String namespace, String name) {
        NodeList nodes = parent instanceof Document d ? d.getElementsByTagNameNS(namespace, name)
                : ((Element) parent).getElementsByTagNameNS(namespace, name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
