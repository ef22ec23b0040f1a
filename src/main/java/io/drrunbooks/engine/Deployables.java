package io.drrunbooks.engine;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models ({@code bpmn/*.bpmn}) and forms ({@code forms/*.form}) shipped in the jar, which both
 * engines deploy together.
 */
public record Deployables(List<ModelResource> models, List<ModelResource> forms) {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

    public static Deployables fromClasspath() {
        return new Deployables(load("classpath*:bpmn/*.bpmn"), load("classpath*:forms/*.form"));
    }

    /**
     * The job types ({@code zeebe:taskDefinition type}) of the service tasks of process {@code processId}
     * as its model declares them, so that what a runbook can do is read from the model it runs; empty
     * when no model holds the process.
     */
    public Set<String> jobTypes(String processId) {
        Set<String> types = new TreeSet<>();
        for (ModelResource model : models) {
            Document document;
            try {
                document = SafeXml.parse(model.content());
            } catch (IOException | SAXException unparseable) {
                continue; // not this method's to report: the engine refuses to deploy it, naming what is wrong
            }
            NodeList processes = document.getElementsByTagNameNS(BPMN, "process");
            for (int i = 0; i < processes.getLength(); i++) {
                Element process = (Element) processes.item(i);
                if (process.getAttribute("id").equals(processId)) {
                    NodeList definitions = process.getElementsByTagNameNS(ZEEBE, "taskDefinition");
                    for (int j = 0; j < definitions.getLength(); j++) {
                        types.add(((Element) definitions.item(j)).getAttribute("type"));
                    }
                }
            }
        }
        return types;
    }

    private static List<ModelResource> load(String pattern) {
        try {
            List<ModelResource> resources = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                try (InputStream in = resource.getInputStream()) {
                    resources.add(new ModelResource(resource.getFilename(), in.readAllBytes()));
                }
            }
            resources.sort(Comparator.comparing(ModelResource::name));
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + pattern + ": " + e.getMessage(), e);
        }
    }
}
