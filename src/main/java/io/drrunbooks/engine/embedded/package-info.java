/**
 * The embedded engine: Operaton running the models authored for Camunda 8.
 *
 * <p>{@link io.drrunbooks.engine.embedded.DialectAdapter} rewrites a Zeebe-dialect model at deploy
 * time. The algorithm, in one pass over the JDK DOM (namespace-aware, no DTDs):
 * <ol>
 *   <li>Collect the semantic elements: everything but the {@code bpmndi:BPMNDiagram}, which is
 *       layout and is written back byte for byte as parsed.</li>
 *   <li>Check each BPMN element against the portable subset's allow-list ({@code Subset}).</li>
 *   <li>Per element kind, a rule reads the Zeebe extension it understands ({@code TaskRules},
 *       {@code ExpressionRules}), marks it consumed, records what the engine must know (retries per
 *       job type, forms, message correlation variables) and queues its Operaton edit.</li>
 *   <li>Any Zeebe element left unconsumed, or Zeebe attribute, is a problem: dropping it silently
 *       would make the two engines behave differently.</li>
 *   <li>Only if there is no problem are the edits applied, the consumed elements, emptied
 *       {@code extensionElements} and the {@code zeebe} namespace removed, and {@code operaton}
 *       declared. So {@code lint} and {@code adapt} share the same checks and lint never mutates.</li>
 * </ol>
 */
package io.drrunbooks.engine.embedded;
