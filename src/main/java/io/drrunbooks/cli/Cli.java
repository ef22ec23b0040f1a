package io.drrunbooks.cli;

import io.drrunbooks.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/** The command-line entry: {@code java -jar dr-runbooks.jar <command>}. */
@Command(name = "dr-runbooks", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Backs up, verifies and restores Platform God; `serve` (or no command) starts the service.",
        subcommands = {BackupCommand.class, RestoreCommand.class, VerifyCommand.class, ListCommand.class,
                VerifyAuditCommand.class, VerifyExportCommand.class, SelfTestCommand.class, CommandLine.HelpCommand.class})
public final class Cli {

    public static final String SERVE = "serve";
    /** The command line's logging configuration, a class-path resource: logs to stderr, results alone on stdout. */
    public static final String LOGGING = "logback-cli.xml";
    /** The options of the command line itself; any other option belongs to the service (Spring's {@code --name=value}). */
    private static final Set<String> OWN_OPTIONS = Set.of("--help", "-h", "--version", "-V");
    static final int UNKNOWN_COMMAND = 2;

    /**
     * Whether the arguments start the service: none, {@code serve}, or only options (Spring's {@code --name=value}).
     * Anything else is for the command line, including a mistyped command, which must fail rather than start a server.
     */
    public static boolean startsService(String[] args) {
        return args.length == 0 || args[0].equals(SERVE) || (args[0].startsWith("-") && !OWN_OPTIONS.contains(args[0]));
    }

    public static int run(String[] args) {
        CommandLine commandLine = new CommandLine(new Cli());
        if (args.length > 0 && !args[0].startsWith("-") && !commandLine.getSubcommands().containsKey(args[0])) {
            commandLine.getErr().println("unknown command '" + args[0] + "'; commands: "
                    + String.join(", ", commandLine.getSubcommands().keySet()) + ", " + SERVE + " (or none: the service)");
            return UNKNOWN_COMMAND;
        }
        return configured(commandLine).execute(args);
    }

    /** Failures as one line naming the problem, never a stack trace. */
    private static CommandLine configured(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("error: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
            return 1;
        });
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ToolVersion.get()};
        }
    }
}
