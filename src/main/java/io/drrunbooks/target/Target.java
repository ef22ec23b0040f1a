package io.drrunbooks.target;

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

    public CommandResult stopServices() {
        return run(properties.getStopCommand());
    }

    public CommandResult startServices() {
        return run(properties.getStartCommand());
    }

    public CommandResult runVerifyCommand() {
        return run(properties.getVerifyCommand());
    }

    public HealthResult checkHealth() {
        return health.check(properties.getHealthUrl(), properties.getHealthTimeout());
    }

    private CommandResult run(String commandLine) {
        return ShellCommand.run(commandLine, layout.root(), properties.getCommandTimeout());
    }
}
