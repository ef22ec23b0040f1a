package io.drrunbooks.engine.embedded;

import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.StepObserver;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine with nothing to do must rest: a service waiting for its next incident should not burn a core. The job
 * executor's acquisition thread once polled the database without a pause (its idle back-off had no level to climb).
 */
class IdleEngineTest {

    @Test
    void theJobExecutorSleepsWhileNoTimerIsDue() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:idle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Deployables shipped = Deployables.fromClasspath();
        try (EmbeddedEngine engine = new EmbeddedEngine(new EmbeddedEngineOptions(database, shipped.models(), shipped.forms(),
                new StepInvoker(List.of(), StepObserver.NONE), 1, Duration.ofMinutes(1), "idle-test"))) {
            Thread.sleep(3_000); // past the first acquisitions and up the back-off
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] acquisition = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                    .filter(info -> info != null && info.getThreadName().startsWith("JobExecutor"))
                    .mapToLong(info -> info.getThreadId()).toArray();
            assertThat(acquisition).as("the job acquisition thread").isNotEmpty();
            long before = cpu(threads, acquisition);
            Thread.sleep(4_000);
            long spentMillis = (cpu(threads, acquisition) - before) / 1_000_000;
            // a spinning loop spends nearly all of the 4 s; a resting one wakes at most every 2 s for one query
            assertThat(spentMillis).as("CPU the acquisition thread spent in 4 idle seconds, ms").isLessThan(400);
        }
    }

    private static long cpu(ThreadMXBean threads, long[] ids) {
        return Arrays.stream(ids).map(threads::getThreadCpuTime).filter(time -> time > 0).sum();
    }
}
