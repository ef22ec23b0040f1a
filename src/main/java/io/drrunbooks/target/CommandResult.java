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

    /** "the command exited N": the command in double quotes, so one that holds quotes itself reads unambiguously. */
    public String exited() {
        return quoted(command) + " exited " + exitCode;
    }

    /**
     * A command line in double quotes, its own backslashes and double quotes escaped: wrapping
     * {@code echo 'pgod api stop'} in single quotes read as two quoted words and a bare one.
     */
    static String quoted(String command) {
        return '"' + command.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
