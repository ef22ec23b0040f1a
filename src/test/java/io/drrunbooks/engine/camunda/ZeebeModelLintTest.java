package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.embedded.DialectAdapter;
import io.drrunbooks.testsupport.ServiceTest;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model lint with Zeebe's own model API: every model parses and validates as a Zeebe model, stays in
 * the portable subset, every job type has a handler, every user task has a form, every formId a
 * form in {@code forms/} with that id. Every file in {@code bpmn/} must lint clean, the schedules too;
 * a model with each problem must not.
 */
class ZeebeModelLintTest extends ServiceTest {

    /** As shipped, not as this test context deploys them: it switches the schedules, and so their models, off. */
    private final Deployables shipped = Deployables.fromClasspath();
    @Autowired
    List<StepHandler> handlers;
    @Autowired
    ObjectMapper json;

    @Test
    void everyShippedModelIsAZeebeModelInTheSubsetWithHandlersAndForms() throws IOException {
        Map<String, String> forms = formsById();
        assertThat(forms).containsKey("approve-restore");
        Set<String> linted = new TreeSet<>();
        for (ModelResource model : shipped.models()) {
            assertThat(problems(model, forms)).as(model.name()).isEmpty();
            linted.add(model.name());
        }
        assertThat(linted).as("every file in bpmn/").isEqualTo(filesIn(Path.of("bpmn")))
                .contains("registry-corruption.bpmn", "schedule-daily-backup.bpmn");
    }

    @Test
    void aModelWithAnUnhandledJobTypeOrAMissingFormFailsTheLint() throws IOException {
        byte[] content;
        try (InputStream in = getClass().getResourceAsStream("/camunda/lint-problems.bpmn")) {
            content = in.readAllBytes();
        }
        assertThat(problems(new ModelResource("lint-problems.bpmn", content), formsById())).containsExactlyInAnyOrder(
                "lint-problems.bpmn: no-form: user task without a form (zeebe:formDefinition formId)", // the subset's own rule
                "unhandled: job type 'no-such-step' has no handler",
                "no-form: user task without a zeebe:formDefinition formId",
                "missing-form: form 'no-such-form' is not in forms/");
    }

    private List<String> problems(ModelResource model, Map<String, String> formsById) {
        BpmnModelInstance instance = Bpmn.readModelFromStream(new ByteArrayInputStream(model.content()));
        Bpmn.validateModel(instance);
        List<String> problems = new ArrayList<>();
        ValidationResults results = instance.validate(ZeebeDesignTimeValidators.VALIDATORS);
        results.getResults().forEach((element, found) -> found.stream()
                .filter(result -> result.getType() == ValidationResultType.ERROR)
                .forEach(result -> problems.add(element + ": " + result.getMessage())));
        problems.addAll(new DialectAdapter().lint(model.name(), model.content()));
        Set<String> handled = handlers.stream().map(StepHandler::jobType).collect(Collectors.toSet());
        for (ServiceTask task : instance.getModelElementsByType(ServiceTask.class)) {
            ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
            if (definition == null || !handled.contains(definition.getType())) {
                problems.add(task.getId() + ": job type '" + (definition == null ? null : definition.getType()) + "' has no handler");
            }
        }
        for (UserTask task : instance.getModelElementsByType(UserTask.class)) {
            ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
            if (form == null || form.getFormId() == null || form.getFormId().isBlank()) {
                problems.add(task.getId() + ": user task without a zeebe:formDefinition formId");
            } else if (!formsById.containsKey(form.getFormId())) {
                problems.add(task.getId() + ": form '" + form.getFormId() + "' is not in forms/");
            }
        }
        return problems;
    }

    private static Set<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Each form's {@code id} (what a formId names), with the file it is in. */
    private Map<String, String> formsById() throws IOException {
        Map<String, String> forms = new TreeMap<>();
        for (ModelResource form : shipped.forms()) {
            forms.put(json.readTree(form.content()).path("id").asText(), form.name());
        }
        return forms;
    }
}
