package io.drrunbooks.engine.embedded;

import io.drrunbooks.engine.SafeXml;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Rewrites a model authored in the Camunda 8 (Zeebe) dialect into Operaton's dialect at deploy
 * time, refusing anything outside the portable BPMN subset (see DESIGN.md and package-info).
 * Stateless and thread-safe.
 */
public final class DialectAdapter {

    /**
     * The rewritten model and what the embedded engine needs to know about it: the retries to
     * apply per job (topic), the job types and forms that must exist, and which process variable
     * each message's correlation key reads.
     */
    public record AdaptedModel(
            String resourceName,
            byte[] operatonXml,
            List<String> processIds,
            Map<String, Integer> retriesByJobType,
            Set<String> jobTypes,
            Set<String> formIds,
            Map<String, String> correlationVariableByMessage) {

        public AdaptedModel {
            processIds = List.copyOf(processIds);
            retriesByJobType = Map.copyOf(retriesByJobType);
            jobTypes = Set.copyOf(jobTypes);
            formIds = Set.copyOf(formIds);
            correlationVariableByMessage = Map.copyOf(correlationVariableByMessage);
        }
    }

    /** A model that cannot run on the embedded engine; the message lists every problem found. */
    public static class ModelException extends RuntimeException {

        private final transient List<String> problems;

        public ModelException(String resourceName, List<String> problems) {
            super("model " + resourceName + " is outside the portable BPMN subset:\n  "
                    + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        /** Each entry reads "resource: element id: problem". */
        public List<String> problems() {
            return problems;
        }
    }

    /** @throws ModelException naming the resource, and per problem the element id, when the model is not portable */
    public AdaptedModel adapt(String resourceName, byte[] zeebeBpmnXml) {
        Conversion conversion = convert(resourceName, zeebeBpmnXml);
        if (!conversion.problems.isEmpty()) {
            throw new ModelException(resourceName, conversion.problems);
        }
        return new AdaptedModel(resourceName, SafeXml.write(conversion.document),
                conversion.processIds, conversion.retriesByJobType, conversion.retriesByJobType.keySet(),
                conversion.formIds, conversion.correlationVariableByMessage);
    }

    /** Every problem in the model, each as "resource: element id: problem"; empty when it is portable. */
    public List<String> lint(String resourceName, byte[] xml) {
        return List.copyOf(convert(resourceName, xml).problems);
    }

    private static Conversion convert(String resourceName, byte[] xml) {
        Document document;
        try {
            document = SafeXml.parse(xml);
        } catch (SAXException | IOException e) {
            throw new ModelException(resourceName, List.of(resourceName + ": (document): not well-formed XML: "
                    + e.getMessage()));
        }
        Conversion conversion = new Conversion(resourceName, document);
        conversion.run();
        return conversion;
    }
}
