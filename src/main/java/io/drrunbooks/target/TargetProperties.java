package io.drrunbooks.target;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dr.target.*}: the protected system. Property names are a contract (scripts set them).
 * Commands are shell command lines run with {@code sh -c} in the target root; empty means skip.
 */
@ConfigurationProperties("dr.target")
public class TargetProperties {

    /** The system's root directory (Platform God's checkout, holding {@code var/}, {@code .env}). */
    private Path root = Path.of(".");
    private String stopCommand = "";
    private String startCommand = "";
    private String verifyCommand = "";
    /** Healthy = HTTP 200 with a JSON body whose {@code status} is {@code ok}; empty = skip. */
    private String healthUrl = "";
    private Duration healthTimeout = Duration.ofMinutes(2);
    /** The health URL as users reach it, after DNS / the load balancer; empty = the health URL. */
    private String publicHealthUrl = "";
    private Duration commandTimeout = Duration.ofMinutes(10);
    /** Data sets only weekly sets hold (spec table 1.1: the LLM cache); daily sets leave them out. */
    private List<String> weeklyOnly = new ArrayList<>(List.of("cache"));
    /**
     * The roots a start may name in {@code targetRoot}, each with everything below it. Empty (the default):
     * only {@code root} itself, and for server-loss any empty or absent directory (a new server's).
     */
    private List<Path> allowedRoots = new ArrayList<>();

    public Path getRoot() { return root; }
    public void setRoot(Path root) { this.root = root; }
    public String getStopCommand() { return stopCommand; }
    public void setStopCommand(String stopCommand) { this.stopCommand = stopCommand; }
    public String getStartCommand() { return startCommand; }
    public void setStartCommand(String startCommand) { this.startCommand = startCommand; }
    public String getVerifyCommand() { return verifyCommand; }
    public void setVerifyCommand(String verifyCommand) { this.verifyCommand = verifyCommand; }
    public String getHealthUrl() { return healthUrl; }
    public void setHealthUrl(String healthUrl) { this.healthUrl = healthUrl; }
    public Duration getHealthTimeout() { return healthTimeout; }
    public void setHealthTimeout(Duration healthTimeout) { this.healthTimeout = healthTimeout; }
    public String getPublicHealthUrl() { return publicHealthUrl; }
    public void setPublicHealthUrl(String publicHealthUrl) { this.publicHealthUrl = publicHealthUrl; }
    public List<String> getWeeklyOnly() { return weeklyOnly; }
    public void setWeeklyOnly(List<String> weeklyOnly) { this.weeklyOnly = weeklyOnly; }
    public List<Path> getAllowedRoots() { return allowedRoots; }
    public void setAllowedRoots(List<Path> allowedRoots) { this.allowedRoots = allowedRoots; }
    public Duration getCommandTimeout() { return commandTimeout; }
    public void setCommandTimeout(Duration commandTimeout) { this.commandTimeout = commandTimeout; }
}
