package io.drrunbooks.runbook;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prune-backups tells weekly sets from daily ones by the configured weekly-only data sets: here {@code artifacts},
 * so daily sets hold {@code cache}. The service has a database of its own, so no other test's service takes its steps.
 */
class WeeklyOnlyRetentionTest extends ServiceTest {

    @DynamicPropertySource
    static void weeklyArtifacts(DynamicPropertyRegistry registry) {
        registry.add("dr.test.database", () -> "jdbc:h2:file:" + HOME.resolve("db/weekly-only") + ";AUTO_SERVER=TRUE");
        registry.add("dr.target.weekly-only", () -> "artifacts");
        registry.add("dr.backup.keep-weekly", () -> "1");
    }

    @LocalServerPort
    int port;

    @Test
    void aWeeklySetIsOneHoldingAConfiguredWeeklyOnlyDataSet() throws IOException {
        List<BackupSet> weekly = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            weekly.add(backups.write(target.layout(), target.layout().dataSets()));
        }
        List<BackupSet> daily = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            daily.add(backup());
        }
        assertThat(daily.get(0).dataSets()).contains("cache").doesNotContain("artifacts");
        for (BackupSet set : weekly) {
            RunbooksOverApiTest.age(set, Duration.ofDays(400)); // past every data set's retention
        }
        for (BackupSet set : daily) {
            RunbooksOverApiTest.age(set, Duration.ofDays(400));
        }

        Api api = new Api(port);
        String prune = api.start("{\"runbook\":\"prune-backups\",\"reason\":\"daily\"}");
        assertThat(api.awaitEnd(prune).get("outcome").asText()).isEqualTo("PRUNED");

        // the newest weekly set is kept (keep-weekly 1), and the six daily ones (keep-daily 7), cache and all
        assertThat(weekly.get(0).directory()).doesNotExist();
        assertThat(weekly.get(1).directory()).exists();
        daily.forEach(set -> assertThat(set.directory()).exists());
    }
}
