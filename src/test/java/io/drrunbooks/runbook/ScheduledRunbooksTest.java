package io.drrunbooks.runbook;

import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.embedded.EmbeddedEngine;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The backup runbook's cron timer start event fires when the engine clock reaches it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ScheduledRunbooksTest {

    static final Path HOME = home();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dr.home", HOME::toString);
        registry.add("dr.target.root", () -> HOME.resolve("target").toString());
        registry.add("dr.backup.daily-cron", () -> "0 0 2 * * *");
        registry.add("dr.backup.weekly-cron", () -> "");
        registry.add("dr.backup.verify-cron", () -> "");
        registry.add("dr.backup.prune-cron", () -> "");
    }

    @Autowired
    EmbeddedEngine engine;
    @Autowired
    RunbookEngine port;
    @Autowired
    RunService runs;

    @AfterEach
    void realClock() {
        engine.resetClock();
    }

    @Test
    void theDailyBackupStartsAtTwoInTheMorning() {
        PlatformGodFixture.create(HOME.resolve("target"));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime twoAm = now.truncatedTo(ChronoUnit.DAYS).plusHours(2);
        ZonedDateTime next = twoAm.isAfter(now) ? twoAm : twoAm.plusDays(1);
        assertThat(backupRuns()).isEmpty();
        assertThat(port.deployedProcesses()).contains("schedule-daily-backup").doesNotContain("schedule-weekly-backup");

        engine.advanceClock(Duration.between(now, next).plusSeconds(5));

        ServiceTest.eventually("a scheduled backup run", () -> backupRuns().stream()
                .anyMatch(run -> run.state().equals("COMPLETED")));
        RunView run = backupRuns().get(0);
        assertThat(run.outcome()).isEqualTo("BACKED_UP");
        assertThat(run.startedBy()).isEqualTo("schedule");
        assertThat(run.reason()).isEqualTo("daily schedule");
        assertThat(run.rto()).isEqualTo("PT2H");
        assertThat(HOME.resolve("backups").toFile().list()).filteredOn(name -> name.matches("\\d{8}_\\d{6}")).hasSize(1);
        assertThat(runs.runs(Integer.MAX_VALUE)).extracting(RunView::runbook).containsOnly("backup");
    }

    private List<RunView> backupRuns() {
        return runs.runs(Integer.MAX_VALUE).stream().filter(run -> run.runbook().equals("backup")).toList();
    }

    private static Path home() {
        try {
            return Files.createTempDirectory("dr-scheduled-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
