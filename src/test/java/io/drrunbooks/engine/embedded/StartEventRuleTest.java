package io.drrunbooks.engine.embedded;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StartEventRuleTest {

    private static final String MODEL = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="api"/>
                %s
                <bpmn:endEvent id="end"/>
              </bpmn:process>
            </bpmn:definitions>""";

    @Test
    void aSecondNoneOrTimerStartIsRefusedAndNamesTheProcess() {
        String timer = "<bpmn:startEvent id=\"nightly\"><bpmn:timerEventDefinition><bpmn:timeCycle>0 0 2 * * *</bpmn:timeCycle>"
                + "</bpmn:timerEventDefinition></bpmn:startEvent>";
        assertThat(new DialectAdapter().lint("two.bpmn", MODEL.formatted(timer).getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().contains("two.bpmn").contains("p").contains("more than one none or timer start");
    }

    @Test
    void aMessageStartBesideTheNoneStartIsFine() {
        String message = "<bpmn:startEvent id=\"on-message\"><bpmn:messageEventDefinition messageRef=\"m\"/></bpmn:startEvent>";
        String model = MODEL.formatted(message).replace("</bpmn:definitions>", "<bpmn:message id=\"m\" name=\"m\"/></bpmn:definitions>");
        assertThat(new DialectAdapter().lint("ok.bpmn", model.getBytes(StandardCharsets.UTF_8)))
                .noneMatch(problem -> problem.contains("start event"));
    }
}
