package io.drrunbooks.target;

/**
 * What a service-control command did.
 *
 * @param command the command line, empty when the step was skipped
 * @param exitCode the exit code; 0 when skipped
 * @param output stdout and stderr interleaved, cut to its last 64 KiB
 */
public record CommandResult(String command, int exitCode, String output, long millis) {

    public boolean skipped() {
        return command.isBlank();
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
