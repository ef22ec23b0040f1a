package io.drrunbooks.target;

import java.nio.file.Path;

/**
 * The protected system as the runbooks act on it: its layout, its service-control commands and
 * its health endpoint, all from {@code dr.target.*}.
 */
public final class Target {

    private final TargetLayout layout;
    private final TargetProperties properties;
    private final HealthProbe health = new HealthProbe();

    public Target(TargetLayout layout, TargetProperties properties) {
        this.layout = layout;
        this.properties = properties;
    }

    public TargetLayout layout() {
        return layout;
    }

    /** {@code dr.target.allowed-roots}: where a start may point a run; empty = the default rule. */
    public java.util.List<Path> allowedRoots() {
        return java.util.List.copyOf(properties.getAllowedRoots());
    }

    /** The stop command, run in {@code root} (the live root, or a new server's). */
    public CommandResult stopServices(Path root) {
        return run(properties.getStopCommand(), root);
    }

    public CommandResult startServices(Path root) {
        return run(properties.getStartCommand(), root);
    }

    public CommandResult runVerifyCommand(Path root) {
        return run(properties.getVerifyCommand(), root);
    }

    public HealthResult checkHealth() {
        return health.check(properties.getHealthUrl(), properties.getHealthTimeout());
    }

    /** One probe, no retries: for {@code /actuator/health}, which must answer at once. */
    public HealthResult probeHealthOnce() {
        return health.check(properties.getHealthUrl(), java.time.Duration.ZERO);
    }

    /** The health endpoint as users reach it ({@code dr.target.public-health-url}, else the health URL). */
    public HealthResult checkPublicHealth() {
        String url = properties.getPublicHealthUrl().isBlank() ? properties.getHealthUrl() : properties.getPublicHealthUrl();
        return health.check(url, properties.getHealthTimeout());
    }

    private CommandResult run(String commandLine, Path root) {
        return ShellCommand.run(commandLine, root, properties.getCommandTimeout());
    }
}
