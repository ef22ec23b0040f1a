package io.drrunbooks.runbook;

import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.embedded.DialectAdapter;
import io.drrunbooks.engine.embedded.DialectAdapter.AdaptedModel;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Model lint for what ships: every model in the portable subset, every job type handled, every form present. */
class RunbookModelsTest extends ServiceTest {

    @Autowired
    RunbookProperties properties;
    /** Every model shipped, including the schedules this test context switches off. */
    private final Deployables deployables = Deployables.fromClasspath();
    @Autowired
    List<StepHandler> handlers;
    @Autowired
    Forms forms;
    @Autowired
    RunbookCatalog catalog;

    private final DialectAdapter adapter = new DialectAdapter();

    @Test
    void everyModelIsInThePortableSubsetWithHandlersAndFormsAndADiagram() {
        assertThat(deployables.models()).extracting(ModelResource::name).contains("registry-corruption.bpmn",
                "server-loss.bpmn", "audit-log-loss.bpmn", "restore.bpmn", "backup.bpmn", "verify-backup.bpmn",
                "prune-backups.bpmn", "schedule-daily-backup.bpmn");
        Set<String> handled = handlers.stream().map(StepHandler::jobType).collect(Collectors.toSet());
        for (ModelResource model : deployables.models()) {
            assertThat(adapter.lint(model.name(), model.content())).as(model.name()).isEmpty();
            AdaptedModel adapted = adapter.adapt(model.name(), model.content());
            assertThat(handled).as("handlers for the job types of " + model.name()).containsAll(adapted.jobTypes());
            adapted.formIds().forEach(formId -> assertThat(forms.schema(formId)).as(model.name() + " form " + formId).isPresent());
            assertThat(new String(model.content(), StandardCharsets.UTF_8)).as(model.name()).contains("BPMNDiagram");
            adapted.processIds().stream().filter(id -> !catalog.isSupporting(id))
                    .forEach(id -> assertThat(catalog.find(id)).as("objectives of " + id).isPresent());
        }
    }

    @Test
    void jobTypesAreKebabCase() {
        assertThat(handlers).extracting(StepHandler::jobType).allMatch(type -> type.matches("[a-z]+(-[a-z]+)*"));
    }
}
