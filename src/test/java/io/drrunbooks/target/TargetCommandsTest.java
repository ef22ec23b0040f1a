package io.drrunbooks.target;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dr.target.stop-command}, {@code start-command} and {@code verify-command}, run by a real shell in the target root. */
class TargetCommandsTest {

    @TempDir
    Path root;
    private final TargetProperties properties = new TargetProperties();
    private Target target;

    @BeforeEach
    void target() {
        target = new Target(TargetLayout.platformGod(root), properties);
    }

    @Test
    void anEmptyCommandIsSkipped() {
        properties.setStopCommand("");
        properties.setStartCommand("  ");

        for (CommandResult result : new CommandResult[] {target.stopServices(root), target.startServices(root),
                target.runVerifyCommand(root)}) {
            assertThat(result.skipped()).isTrue();
            assertThat(result.succeeded()).isTrue();
            assertThat(result.output()).isEmpty();
        }
    }

    @Test
    void eachCommandRunsInTheRootItIsGiven() {
        properties.setStopCommand("pwd; touch stopped");
        properties.setStartCommand("touch started");
        properties.setVerifyCommand("test -f started && echo verified");

        CommandResult stop = target.stopServices(root);
        CommandResult start = target.startServices(root);
        CommandResult verify = target.runVerifyCommand(root);

        assertThat(stop.succeeded()).isTrue();
        assertThat(stop.skipped()).isFalse();
        assertThat(stop.output().strip()).isEqualTo(root.toAbsolutePath().toString());
        assertThat(root.resolve("stopped")).exists();
        assertThat(start.command()).isEqualTo("touch started");
        assertThat(verify).extracting(CommandResult::exitCode, CommandResult::output).containsExactly(0, "verified\n");
    }

    @Test
    void aNonZeroExitIsAFailureWithItsOutputAndErrorsKept() {
        properties.setStopCommand("echo stopping pgod; echo 'pgod: api is not running' >&2; exit 3");

        CommandResult result = target.stopServices(root);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).isEqualTo("stopping pgod\npgod: api is not running\n");
    }

    @Test
    void aCommandThatTakesTooLongIsKilledWithWhatItStartedAndKeepsWhatItSaidSoFar() throws InterruptedException {
        properties.setCommandTimeout(Duration.ofMillis(500));
        properties.setStartCommand("echo starting; (sleep 2; touch late) & wait; echo never");

        long start = System.nanoTime();
        CommandResult result = target.startServices(root);

        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(result.output()).startsWith("starting\n").contains("[timed out after PT0.5S]").doesNotContain("never");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        Thread.sleep(2500);
        assertThat(root.resolve("late")).as("what the killed command started in the background").doesNotExist();
    }

    @Test
    void aLongOutputKeepsItsEnd() {
        properties.setVerifyCommand("seq 1 100000; echo 'the last line says why' >&2; exit 1");

        CommandResult result = target.runVerifyCommand(root);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).startsWith("[...]\n").endsWith("100000\nthe last line says why\n");
        assertThat(result.output().length()).isLessThanOrEqualTo(64 * 1024 + "[...]\n".length());
    }

    @Test
    void aCommandHoldingQuotesIsReportedInDoubleQuotesItsOwnEscaped() {
        properties.setStopCommand("echo 'pgod api stop (demo)'");
        properties.setStartCommand("echo \"a\\b\"; exit 2");

        assertThat(target.stopServices(root).exited()).isEqualTo("\"echo 'pgod api stop (demo)'\" exited 0");
        assertThat(target.startServices(root).exited()).isEqualTo("\"echo \\\"a\\\\b\\\"; exit 2\" exited 2");
    }
}
