package io.drrunbooks.cli;

import io.drrunbooks.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/** The command-line entry: {@code java -jar dr-runbooks.jar <command>}. */
@Command(name = "dr-runbooks", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Backs up, verifies and restores Platform God; `serve` (or no command) starts the service.",
        subcommands = {BackupCommand.class, RestoreCommand.class, VerifyCommand.class, ListCommand.class,
                VerifyAuditCommand.class, VerifyExportCommand.class})
public final class Cli {

    private static final Set<String> COMMANDS = Set.of("backup", "restore", "verify", "list", "verify-audit", "verify-export", "help", "--help", "-h",
            "--version", "-V");

    /** Whether the arguments name a command-line command rather than the service. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String[] args) {
        CommandLine commandLine = new CommandLine(new Cli());
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("error: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
            return 1;
        });
        return commandLine.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ToolVersion.get()};
        }
    }
}
