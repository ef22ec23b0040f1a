package io.drrunbooks.engine;

import io.drrunbooks.engine.embedded.DialectAdapter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSchedulesTest {

    private final ModelResource daily = Deployables.fromClasspath().models().stream()
            .filter(m -> m.name().equals("schedule-daily-backup.bpmn")).findFirst().orElseThrow();

    @Test
    void aConfiguredScheduleReplacesTheModelsCron() {
        ModelResource scheduled = ModelSchedules.apply(daily, Map.of("daily-backup-timer", "0 30 1 * * *")).orElseThrow();
        String xml = new String(scheduled.content(), StandardCharsets.UTF_8);
        assertThat(xml).contains(">0 30 1 * * *<").doesNotContain(">0 0 2 * * *<");
        assertThat(new DialectAdapter().lint(scheduled.name(), scheduled.content())).isEmpty();
    }

    @Test
    void anEmptyScheduleLeavesTheScheduleOutAndOtherModelsAlone() {
        assertThat(ModelSchedules.apply(daily, Map.of("daily-backup-timer", ""))).isEmpty();
        assertThat(ModelSchedules.apply(daily, Map.of("weekly-backup-timer", ""))).contains(daily);
    }
}
