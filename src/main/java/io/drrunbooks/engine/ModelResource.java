package io.drrunbooks.engine;

/** A file to deploy: a BPMN model ({@code .bpmn}) or a Camunda Form ({@code .form}). */
public record ModelResource(String name, byte[] content) {
}
