package io.drrunbooks.engine;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The models ({@code bpmn/*.bpmn}) and forms ({@code forms/*.form}) shipped in the jar, which both
 * engines deploy together.
 */
public record Deployables(List<ModelResource> models, List<ModelResource> forms) {

    public static Deployables fromClasspath() {
        return new Deployables(load("classpath*:bpmn/*.bpmn"), load("classpath*:forms/*.form"));
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
