package io.drrunbooks.runbook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dr.backup.*}: the schedules (Spring cron, six fields, UTC) of the operator's runbooks and
 * the retention of spec 2.2 and table 1.1. An empty schedule disables that timer.
 */
@ConfigurationProperties("dr.backup")
public class BackupProperties {

    private String dailyCron = "0 0 2 * * *";
    private String weeklyCron = "0 0 3 * * SUN";
    private String verifyCron = "0 0 5 * * SUN";
    private String pruneCron = "0 0 4 * * *";
    private int keepDaily = 7;
    private int keepWeekly = 4;
    private Map<String, Duration> retention = new LinkedHashMap<>(Map.of(
            "registry", Duration.ofDays(90), "state", Duration.ofDays(30), "artifacts", Duration.ofDays(90),
            "audit", Duration.ofDays(365), "cache", Duration.ofDays(7)));

    public String getDailyCron() { return dailyCron; }
    public void setDailyCron(String dailyCron) { this.dailyCron = dailyCron; }
    public String getWeeklyCron() { return weeklyCron; }
    public void setWeeklyCron(String weeklyCron) { this.weeklyCron = weeklyCron; }
    public String getVerifyCron() { return verifyCron; }
    public void setVerifyCron(String verifyCron) { this.verifyCron = verifyCron; }
    public String getPruneCron() { return pruneCron; }
    public void setPruneCron(String pruneCron) { this.pruneCron = pruneCron; }
    public int getKeepDaily() { return keepDaily; }
    public void setKeepDaily(int keepDaily) { this.keepDaily = keepDaily; }
    public int getKeepWeekly() { return keepWeekly; }
    public void setKeepWeekly(int keepWeekly) { this.keepWeekly = keepWeekly; }
    public Map<String, Duration> getRetention() { return retention; }
    public void setRetention(Map<String, Duration> retention) { this.retention = retention; }

    /** The schedule of each timer start event, by its element id in the models. */
    public Map<String, String> schedules() {
        return Map.of("daily-backup-timer", dailyCron, "weekly-backup-timer", weeklyCron,
                "weekly-verification-timer", verifyCron, "daily-prune-timer", pruneCron);
    }
}
