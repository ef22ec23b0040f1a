package io.drrunbooks.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The adapter's output and its lint, without an engine. */
class DialectAdapterTest {

    private static final String DI = "http://www.omg.org/spec/BPMN/20100524/DI";

    private final DialectAdapter adapter = new DialectAdapter();

    @Test
    void lintNamesEveryElementOutsideTheSubset() {
        List<String> problems = adapter.lint("lint-violations.bpmn", TestEngine.resource("lint-violations.bpmn"));

        assertThat(problems).allMatch(p -> p.startsWith("lint-violations.bpmn: "));
        assertThat(problems).anyMatch(p -> p.contains(": WithIoMapping: ") && p.contains("zeebe:ioMapping"));
        assertThat(problems).anyMatch(p -> p.contains(": WithHeaders: ") && p.contains("zeebe:taskHeaders"));
        assertThat(problems).anyMatch(p -> p.contains(": FeelTimer: ") && p.contains("duration("));
        assertThat(problems).anyMatch(p -> p.contains(": NoForm: ") && p.contains("without a form"));
        assertThat(problems).anyMatch(p -> p.contains(": Script: ") && p.contains("script tasks"));
        assertThat(problems).anyMatch(p -> p.contains(": NoDefinition: ") && p.contains("taskDefinition"));
        assertThat(problems).anyMatch(p -> p.contains(": CollectResults: ") && p.contains("outputCollection"));
        assertThat(problems).anyMatch(p -> p.contains(": EscalationOnTask: ") && p.contains("sub-process or call activity"));
        assertThat(problems).anyMatch(p -> p.contains(": Escalation_expr: ") && p.contains("escalationCode must be a literal"));
    }

    @Test
    void adaptThrowsWithAllProblemsInTheMessage() {
        byte[] xml = TestEngine.resource("lint-violations.bpmn");
        List<String> problems = adapter.lint("lint-violations.bpmn", xml);

        assertThatThrownBy(() -> adapter.adapt("lint-violations.bpmn", xml))
                .isInstanceOf(DialectAdapter.ModelException.class)
                .hasMessageContaining("lint-violations.bpmn")
                .satisfies(e -> assertThat(((DialectAdapter.ModelException) e).problems()).isEqualTo(problems))
                .satisfies(e -> problems.forEach(p -> assertThat(e.getMessage()).contains(p)));
    }

    @Test
    void everyPortableModelLintsClean() {
        for (String name : List.of("service-task", "user-task", "condition", "timer-literal", "timer-variable",
                "timer-cron", "multi-instance", "call-parent", "call-child", "error", "message", "escalation")) {
            assertThat(adapter.lint(name, TestEngine.resource(name + ".bpmn"))).as(name).isEmpty();
            assertThat(zeebeProblems(TestEngine.resource(name + ".bpmn"))).as("Zeebe's validation of " + name).isEmpty();
        }
    }

    /** Zeebe's own design-time validation: the same models deploy on Camunda 8. */
    private static List<String> zeebeProblems(byte[] xml) {
        var model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
        return model.validate(ZeebeDesignTimeValidators.VALIDATORS).getResults().entrySet().stream()
                .flatMap(found -> found.getValue().stream().filter(r -> r.getType() == ValidationResultType.ERROR)
                        .map(r -> found.getKey() + ": " + r.getMessage()))
                .toList();
    }

    @Test
    void outputHasNoZeebeLeftAndKeepsTheDiagramUntouched() throws Exception {
        byte[] zeebe = TestEngine.resource("user-task.bpmn");
        var model = adapter.adapt("user-task.bpmn", zeebe);

        String out = new String(model.operatonXml(), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("zeebe").contains("xmlns:operaton=\"http://operaton.org/schema/1.0/bpmn\"")
                .contains("operaton:formRef=\"approve\"").contains("operaton:formRefBinding=\"latest\"")
                .contains("operaton:candidateGroups=\"approvers\"").contains("operaton:historyTimeToLive=\"P180D\"");
        Document before = parse(zeebe);
        Document after = parse(model.operatonXml());
        assertThat(after.getElementsByTagNameNS(DI, "BPMNDiagram").item(0)
                .isEqualNode(before.getElementsByTagNameNS(DI, "BPMNDiagram").item(0))).isTrue();
        assertThat(model.formIds()).containsExactly("approve");
        assertThat(model.processIds()).containsExactly("dialect-user");
    }

    @Test
    void recordsRetriesPerJobTypeWithZeebesDefaultOfThree() {
        assertThat(adapter.adapt("service-task.bpmn", TestEngine.resource("service-task.bpmn")).retriesByJobType())
                .isEqualTo(Map.of("restore", 5));
        var model = adapter.adapt("multi-instance.bpmn", TestEngine.resource("multi-instance.bpmn"));
        assertThat(model.retriesByJobType()).isEqualTo(Map.of("restore-dataset", 3));
        assertThat(model.jobTypes()).containsExactly("restore-dataset");
    }

    @Test
    void callActivityAndConditionAreWrittenInOperatonsDialect() {
        String parent = new String(adapter.adapt("call-parent.bpmn", TestEngine.resource("call-parent.bpmn"))
                .operatonXml(), StandardCharsets.UTF_8);
        assertThat(parent).contains("calledElement=\"dialect-call-child\"")
                .contains("<operaton:in variables=\"all\"/>").contains("<operaton:out variables=\"all\"/>");

        String condition = new String(adapter.adapt("condition.bpmn", TestEngine.resource("condition.bpmn"))
                .operatonXml(), StandardCharsets.UTF_8);
        assertThat(condition).contains("language=\"feel\"").contains(">approved = true<");
    }

    @Test
    void refusesDoctypesSoNoExternalEntityIsEverRead() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&x;"
                + "</bpmn:definitions>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> adapter.adapt("xxe.bpmn", xxe))
                .isInstanceOf(DialectAdapter.ModelException.class)
                .hasMessageContaining("xxe.bpmn").hasMessageContaining("DOCTYPE");
    }

    private static Document parse(byte[] xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
