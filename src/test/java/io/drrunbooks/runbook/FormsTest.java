package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped forms' decisions: each must be given, true or false, and a form that cannot be decided is refused. */
class FormsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Forms forms = new Forms(Deployables.fromClasspath(), json);

    @Test
    void everyApprovalOrConfirmationFormNamesItsDecision() {
        Map<String, String> decisions = new LinkedHashMap<>();
        for (String formId : List.of("approve-restore", "approve-merge", "confirm-config-restore", "confirm-data-loss",
                "choose-data-sets", "clone-repository", "document-gap", "install-runtime", "provision-server", "switch-dns")) {
            assertThat(forms.schema(formId)).as(formId).isPresent();
            forms.decisionField(formId).ifPresent(field -> decisions.put(formId, field));
        }
        assertThat(decisions).containsExactly(Map.entry("approve-restore", "approved"), Map.entry("approve-merge", "approved"),
                Map.entry("confirm-config-restore", "overwriteConfig"), Map.entry("confirm-data-loss", "confirmed"));
    }

    /**
     * A completed form's values land in its run's scope: two forms of one runbook sharing a field would
     * prefill the second with the first's answer (server loss's "Versions installed" showed the host notes).
     */
    @Test
    void noTwoFormsOfOneRunbookShareAField() {
        Pattern formRef = Pattern.compile("formId=\"([a-z-]+)\"");
        for (ModelResource model : Deployables.fromClasspath().models()) {
            Map<String, String> formOfField = new LinkedHashMap<>();
            Matcher refs = formRef.matcher(new String(model.content(), StandardCharsets.UTF_8));
            Set<String> formIds = new LinkedHashSet<>();
            while (refs.find()) {
                formIds.add(refs.group(1));
            }
            for (String formId : formIds) {
                for (String field : forms.fieldKeys(formId)) {
                    String earlier = formOfField.putIfAbsent(field, formId);
                    assertThat(earlier).as(model.name() + ": field '" + field + "' of " + formId + " is also one of " + earlier)
                            .isNull();
                }
            }
        }
    }

    @Test
    void aDecisionLeftOutOrNotABooleanIsRefusedNamingIt() {
        Map<String, String> reasonFields = Map.of("approve-restore", "reason", "approve-merge", "reason",
                "confirm-config-restore", "configRestoreReason", "confirm-data-loss", "dataLossReason");
        for (String formId : List.of("approve-restore", "approve-merge", "confirm-config-restore", "confirm-data-loss")) {
            String decision = forms.decisionField(formId).orElseThrow();
            assertThatThrownBy(() -> forms.validate(formId, Map.of())).as(formId)
                    .isInstanceOfSatisfying(FormValidationException.class,
                            refused -> assertThat(refused.fields()).containsExactly(Map.entry(decision, "is required")));
            assertThatThrownBy(() -> forms.validate(formId, Map.of(reasonFields.get(formId), "no decision given"))).as(formId)
                    .isInstanceOfSatisfying(FormValidationException.class,
                            refused -> assertThat(refused.fields()).containsOnlyKeys(decision));
            Map<String, Object> asText = Map.of(decision, "true");
            assertThatThrownBy(() -> forms.validate(formId, asText)).as(formId)
                    .isInstanceOfSatisfying(FormValidationException.class,
                            refused -> assertThat(refused.fields().get(decision)).isEqualTo("must be a boolean, got true"));
            assertThat(forms.validate(formId, Map.of(decision, false))).containsExactly(Map.entry(decision, false));
            assertThat(forms.validate(formId, Map.of(decision, true))).containsExactly(Map.entry(decision, true));
        }
    }

    @Test
    void aFormWithoutADecisionStillTakesWhatItLeavesOptional() {
        assertThat(forms.validate("switch-dns", Map.of("dnsUpdated", true))).containsOnlyKeys("dnsUpdated");
    }

    @Test
    void aDecisionThatCannotBeBothTrueAndFalseIsRefusedWhenTheFormsAreRead() {
        assertThatThrownBy(() -> formsOf("""
                {"id": "bad", "components": [{"key": "approved", "type": "textfield", "properties": {"decision": "true"}}]}
                """)).hasMessageContaining("bad").hasMessageContaining("'approved' is a textfield");
        assertThatThrownBy(() -> formsOf("""
                {"id": "bad", "components": [{"key": "approved", "type": "checkbox", "validate": {"required": true},
                  "properties": {"decision": "true"}}]}
                """)).hasMessageContaining("'approved' is required");
        assertThatThrownBy(() -> formsOf("""
                {"id": "bad", "components": [{"key": "a", "type": "checkbox", "properties": {"decision": "true"}},
                  {"key": "b", "type": "checkbox", "properties": {"decision": "true"}}]}
                """)).hasMessageContaining("[a, b]");
    }

    private Forms formsOf(String form) {
        return new Forms(new Deployables(List.of(), List.of(new ModelResource("bad.form", form.getBytes(StandardCharsets.UTF_8)))), json);
    }
}
