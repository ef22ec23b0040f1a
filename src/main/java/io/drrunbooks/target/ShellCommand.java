package io.drrunbooks.target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a configured command line with {@code sh -c}, capturing its output. */
final class ShellCommand {

    private static final int KEEP_BYTES = 64 * 1024;

    private ShellCommand() {
    }

    static CommandResult run(String commandLine, Path workingDirectory, Duration timeout) {
        if (commandLine == null || commandLine.isBlank()) {
            return new CommandResult("", 0, "", 0);
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", commandLine)
                    .directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run '" + commandLine + "': " + e.getMessage(), e);
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close(); // commands get no input: a prompt fails instead of hanging
            TailBuffer tail = new TailBuffer(KEEP_BYTES);
            Thread drain = new Thread(() -> tail.readAll(out), "command-output");
            drain.setDaemon(true);
            drain.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                drain.join(1000);
                return new CommandResult(commandLine, 124, tail + "\n[timed out after " + timeout + "]", elapsed(start));
            }
            drain.join(5000);
            return new CommandResult(commandLine, process.exitValue(), tail.toString(), elapsed(start));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + commandLine + "'", e);
        } catch (IOException e) {
            throw new IllegalStateException("could not read the output of '" + commandLine + "': " + e.getMessage(), e);
        }
    }

    /** The shell and what it started: a child left running would hold the output pipe open and go on acting on the target. */
    private static void kill(Process process) {
        // the shell first, so that it runs nothing more once a child dies (the next line of its script); what it
        // started is found before, while the shell is still their parent
        List<ProcessHandle> started = process.descendants().toList();
        process.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Keeps the last bytes of a stream: the end of a failing command's output says why. */
    private static final class TailBuffer {
        private final int keep;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean cut;

        TailBuffer(int keep) {
            this.keep = keep;
        }

        void readAll(InputStream in) {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    append(buffer, n);
                }
            } catch (IOException ignored) {
                // the process was killed; what was read is what we have
            }
        }

        private synchronized void append(byte[] buffer, int n) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > 2 * keep) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - keep, keep);
                cut = true;
            }
        }

        @Override
        public synchronized String toString() {
            byte[] all = bytes.toByteArray();
            int from = Math.max(0, all.length - keep);
            String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
            return cut || from > 0 ? "[...]\n" + text : text;
        }
    }
}
