package io.drrunbooks.engine;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.Map;
import java.util.Optional;

/**
 * Puts the configured schedules into the models before either engine sees them: a timer start
 * event named in the map gets its {@code timeCycle} from configuration ({@code dr.backup.*-cron}).
 * A schedule configured empty leaves its model out of the deployment altogether: a schedule model
 * exists only for its timer. Zeebe evaluates a timer start event's expression without variables,
 * so configuration cannot reach it at run time; it has to be in the deployed model.
 */
public final class ModelSchedules {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private ModelSchedules() {
    }

    /** The model with its schedules set, or empty when one of its schedules is switched off. */
    public static Optional<ModelResource> apply(ModelResource model, Map<String, String> cronByTimerStart) {
        Document document;
        try {
            document = SafeXml.parse(model.content());
        } catch (Exception unparseable) {
            return Optional.of(model); // not this class's to report: the dialect adapter names what is wrong
        }
        boolean changed = false;
        NodeList starts = document.getElementsByTagNameNS(BPMN, "startEvent");
        for (int i = 0; i < starts.getLength(); i++) {
            Element start = (Element) starts.item(i);
            String cron = cronByTimerStart.get(start.getAttribute("id"));
            NodeList cycles = start.getElementsByTagNameNS(BPMN, "timeCycle");
            if (cron == null || cycles.getLength() == 0) {
                continue;
            }
            if (cron.isBlank()) {
                return Optional.empty();
            }
            cycles.item(0).setTextContent(cron);
            changed = true;
        }
        return Optional.of(changed ? new ModelResource(model.name(), SafeXml.write(document)) : model);
    }
}
