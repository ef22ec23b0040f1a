package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.embedded.EmbeddedEngine;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedules' cron timer start events: deployed as configured, and firing when the engine clock reaches them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledRunbooksTest {

    static final Path HOME = home();
    /** The daily backup as shipped; the others unlike the models' own, so the deployed cron must be the configured one. */
    static final Map<String, String> SCHEDULES = Map.of("daily-cron", "0 0 2 * * *", "weekly-cron", "0 30 3 * * SAT",
            "verify-cron", "0 45 5 * * SUN", "prune-cron", "0 15 4 * * *");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dr.home", HOME::toString);
        registry.add("dr.target.root", () -> HOME.resolve("target").toString());
        SCHEDULES.forEach((timer, cron) -> registry.add("dr.backup." + timer, () -> cron));
    }

    @Autowired
    EmbeddedEngine engine;
    @Autowired
    RunbookEngine port;
    @Autowired
    RunService runs;
    @Autowired
    AuditTrail audit;
    @Autowired
    DataSource dataSource;

    @AfterEach
    void realClock() {
        engine.resetClock();
    }

    @Test
    @Order(2)
    void theDailyBackupStartsAtTwoInTheMorning() {
        PlatformGodFixture.create(HOME.resolve("target"));
        // two in the morning where the service runs: the embedded engine reads crons in the JVM's zone
        ZonedDateTime now = ZonedDateTime.now();
        ZonedDateTime twoAm = now.truncatedTo(ChronoUnit.DAYS).plusHours(2);
        ZonedDateTime next = twoAm.isAfter(now) ? twoAm : twoAm.plusDays(1);
        assertThat(dailyBackupRuns()).isEmpty();

        // the other schedules may fall due on the way too, depending on the time of day and the weekday
        engine.advanceClock(Duration.between(now, next).plusSeconds(5));

        ServiceTest.eventually("a scheduled backup run", () -> dailyBackupRuns().stream()
                .anyMatch(run -> run.state().equals("COMPLETED")));
        RunView run = dailyBackupRuns().get(0);
        assertThat(run.outcome()).isEqualTo("BACKED_UP");
        assertThat(run.startedBy()).isEqualTo("schedule");
        assertThat(run.rto()).isEqualTo("PT2H");
        Object setId = audit.first(run.runId(), "backup.written", detail -> true).orElseThrow().detail().get("backupSetId");
        assertThat(HOME.resolve("backups").resolve(setId.toString()).resolve("manifest.json")).exists();
    }

    @Test
    @Order(1) // before a test moves the clock past a timer, which then falls due later
    void everyScheduleIsDeployedWithItsConfiguredCronAndDueAtItsNextTime() {
        Map<String, String> processByTimer = Map.of("daily-cron", "schedule-daily-backup", "weekly-cron", "schedule-weekly-backup",
                "verify-cron", "schedule-backup-verification", "prune-cron", "schedule-backup-retention");
        assertThat(port.deployedProcesses()).containsAll(processByTimer.values());

        Map<String, Map<String, Object>> timers = new HashMap<>();
        // the engine's timer jobs (Operaton's own table): one per schedule, due at the next time of its configured cron
        new JdbcTemplate(dataSource).queryForList("SELECT PROCESS_DEF_KEY_, DUEDATE_ FROM ACT_RU_JOB"
                + " WHERE HANDLER_TYPE_ = 'timer-start-event'").forEach(row -> timers.put((String) row.get("PROCESS_DEF_KEY_"), row));
        ZonedDateTime now = ZonedDateTime.now(); // the embedded engine reads crons in the JVM's zone
        processByTimer.forEach((timer, process) -> {
            String cron = SCHEDULES.get(timer);
            assertThat(timers).as(process).containsKey(process);
            // due at the cron's next time after the deployment, a moment before now (a fire time may lie between)
            assertThat(((Timestamp) timers.get(process).get("DUEDATE_")).toInstant()).as(process + ": the next time of " + cron)
                    .isBetween(CronExpression.parse(cron).next(now.minusMinutes(10)).toInstant(),
                            CronExpression.parse(cron).next(now).toInstant());
        });
    }

    private List<RunView> dailyBackupRuns() {
        return runs.runs(Integer.MAX_VALUE).stream().filter(run -> run.runbook().equals("backup") && run.reason().equals("daily schedule")).toList();
    }

    private static Path home() {
        try {
            return Files.createTempDirectory("dr-scheduled-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
