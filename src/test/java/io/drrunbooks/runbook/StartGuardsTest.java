package io.drrunbooks.runbook;

import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a start may not do: set a variable the runbooks set themselves, drill a runbook that is not a
 * recovery, or name data sets its runbook does not restore. Each is a 400 naming the field, and
 * starts nothing.
 */
class StartGuardsTest extends ServiceTest {

    /** An expression ({@code =rpoMet = true}) in a model's attribute or element text. */
    private static final Pattern EXPRESSION = Pattern.compile("[\">]=([^\"<]+)[\"<]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([A-Za-z_][A-Za-z0-9_]*)}}");
    private static final Set<String> FEEL_WORDS = Set.of("true", "false", "null", "and", "or", "not");

    @LocalServerPort
    int port;
    @Autowired
    Deployables deployables;
    @Autowired
    Forms forms;
    @Autowired
    RunbookCatalog catalog;
    @Autowired
    RunbookProperties properties;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void aStartFieldMayNotSetAVariableTheRunbooksSetThemselves() {
        backup();
        int runs = api.get("/api/runs").body().size();
        Map<String, String> smuggled = new LinkedHashMap<>();
        smuggled.put("approved", "true"); // the approval form's answer
        smuggled.put("outcome", "\"RECOVERED\"");
        smuggled.put("rtoBreached", "false");
        smuggled.put("backupSetId", "\"20250101_000000\"");
        smuggled.put("quarantines", "{}");
        smuggled.put("verification", "{\"registryParses\":true}");
        smuggled.put("completedBy", "\"someone-else\"");
        smuggled.put("installNotes", "\"a form's field\"");
        smuggled.forEach((field, value) -> {
            Api.Response refused = api.post("/api/runs", start("restore", "\"" + field + "\":" + value));
            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.body().get("message").asText()).as(field).contains("'" + field + "'")
                    .contains("cannot be given at start");
        });
        assertThat(api.get("/api/runs").body()).as("nothing started").hasSize(runs);

        // the real start fields, and a field of the caller's own, still start a run
        String runId = api.start(start("restore", "\"dataSets\":[\"state\"],\"drill\":true,\"ticket\":\"INC-7\""));
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":false}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("REJECTED");
    }

    @Test
    void everyVariableARunbookOrAFormReadsIsReservedOrAStartField() {
        Set<String> known = new TreeSet<>(RunVariables.RESERVED);
        known.addAll(RunVariables.START_FIELDS);
        known.addAll(forms.fieldKeys());
        Map<String, Set<String>> read = new HashMap<>();
        for (Runbook runbook : catalog.all()) {
            ModelResource model = deployables.models().stream().filter(m -> m.name().equals(runbook.id() + ".bpmn"))
                    .findFirst().orElseThrow();
            Matcher expression = EXPRESSION.matcher(new String(model.content(), StandardCharsets.UTF_8));
            while (expression.find()) {
                Matcher name = NAME.matcher(expression.group(1).replaceAll("\"[^\"]*\"", ""));
                while (name.find()) {
                    if (!FEEL_WORDS.contains(name.group())) {
                        read.computeIfAbsent(model.name(), m -> new TreeSet<>()).add(name.group());
                    }
                }
            }
        }
        for (ModelResource form : deployables.forms()) {
            Matcher template = TEMPLATE.matcher(new String(form.content(), StandardCharsets.UTF_8));
            while (template.find()) {
                read.computeIfAbsent(form.name(), f -> new TreeSet<>()).add(template.group(1));
            }
        }
        assertThat(read).as("the models and forms read variables").containsKeys("server-loss.bpmn", "document-gap.form");
        read.forEach((where, names) -> assertThat(known).as("the variables " + where + " reads").containsAll(names));
    }

    @Test
    void onlyARecoveryCanRunAsADrill() {
        Map<String, Boolean> drillable = new HashMap<>();
        api.get("/api/runbooks").body().forEach(runbook -> drillable.put(runbook.get("id").asText(), runbook.get("drill").asBoolean()));
        assertThat(drillable).containsEntry("registry-corruption", true).containsEntry("server-loss", true)
                .containsEntry("audit-log-loss", true).containsEntry("restore", true).containsEntry("backup", false)
                .containsEntry("verify-backup", false).containsEntry("prune-backups", false);

        backup();
        int runs = api.get("/api/runs").body().size();
        for (String runbook : List.of("backup", "verify-backup", "prune-backups")) {
            Api.Response refused = api.post("/api/runs", "{\"runbook\":\"" + runbook + "\",\"reason\":\"weekly drill\",\"drill\":true}");
            assertThat(refused.status()).as(runbook).isEqualTo(400);
            assertThat(refused.body().get("message").asText()).as(runbook).contains("'drill'").contains(runbook)
                    .contains("cannot run as a drill");
        }
        assertThat(api.get("/api/runs").body()).as("nothing started").hasSize(runs);
        assertThat(api.get("/api/backups").body()).as("nothing written, nothing pruned").hasSize(1);
    }

    @Test
    void aStartNamesOnlyDataSetsItsRunbookRestores() {
        Path newServer = HOME.resolve("new-server-" + System.nanoTime());
        Api.Response config = api.post("/api/runs", start("server-loss",
                "\"targetRoot\":\"" + newServer + "\",\"dataSets\":[\"registry\",\"config\"]"));
        assertThat(config.status()).isEqualTo(400);
        assertThat(config.body().get("message").asText()).contains("'dataSets'").contains("[config]")
                .contains("confirm-config-restore");

        Api.Response registry = api.post("/api/runs", start("audit-log-loss", "\"dataSets\":[\"audit\",\"registry\"]"));
        assertThat(registry.status()).isEqualTo(400);
        assertThat(registry.body().get("message").asText()).contains("'dataSets'").contains("restores only [audit]")
                .contains("[registry]");
        assertThat(newServer).doesNotExist();

        Api.Response backup = api.as(TestUsers.OPERATOR).post("/api/runs", start("backup", "\"dataSets\":[\"registry\"]"));
        assertThat(backup.status()).isEqualTo(400);
        assertThat(backup.body().get("message").asText()).contains("'dataSets'").contains("restores no data sets");

        // narrowing is fine: no set holds the registry yet, so the run ends at once
        String narrowed = api.start(start("server-loss", "\"targetRoot\":\"" + newServer + "\",\"dataSets\":[\"registry\"]"));
        assertThat(api.awaitEnd(narrowed).get("outcome").asText()).isEqualTo("NO_USABLE_BACKUP");
    }

    @Test
    void aDataSetNamedTwiceIsRefusedBeforeAnythingHappens() {
        backup();
        targetProperties.setStopCommand("touch " + root().resolve("stopped"));
        int runs = api.get("/api/runs").body().size();

        Api.Response refused = api.post("/api/runs", start("restore", "\"dataSets\":[\"state\",\"state\"]"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("'dataSets'").contains("[state] more than once");
        assertThat(api.get("/api/runs").body()).as("nothing started").hasSize(runs);
        assertThat(root().resolve("stopped")).as("no service stopped").doesNotExist();
    }

    @Test
    void aRunbookThatConfirmsItsConfigurationMayNotListConfigAmongItsDataSets() {
        RunbookProperties.Settings serverLoss = new RunbookProperties.Settings();
        serverLoss.setRto(Duration.ofHours(4));
        serverLoss.setRpo(Duration.ofHours(24));
        serverLoss.setDataSets(List.of("registry", "config"));
        RunbookProperties withConfig = new RunbookProperties();
        withConfig.setSupportingProcesses(properties.getSupportingProcesses());
        withConfig.setRunbooks(new LinkedHashMap<>(properties.getRunbooks()));
        withConfig.getRunbooks().put("server-loss", serverLoss);

        assertThatThrownBy(() -> new RunbookCatalog(engine, withConfig, deployables))
                .hasMessageContaining("dr.runbooks.server-loss.data-sets lists config");
        assertThat(new RunbookCatalog(engine, properties, deployables).find("server-loss")).isPresent();
    }

    private static String start(String runbook, String fields) {
        return "{\"runbook\":\"" + runbook + "\",\"reason\":\"test\"," + fields + "}";
    }
}
