package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load (issue #7, item 9): 50 registry-corruption drills started at once on one service, each on its own
 * scratch copy, approved by another user, all RECOVERED with intact chains, the live tree untouched, and
 * the heap bounded. The heap the drills keep alive is measured after a collection while all 50 wait at
 * their approval (the most state the service holds at once) and after they end; the sampled peak of
 * used heap, garbage included, is printed too: with the surefire JVM's default heap (a quarter of RAM) G1
 * lets garbage pile up before collecting, so that number measures G1's leeway more than the service.
 */
class ConcurrentDrillsTest extends ServiceTest {

    static final int DRILLS = 50;
    /** The promise: 50 drills in flight keep less than this alive on the heap. */
    static final long LIVE_HEAP_BOUND = 512L * 1024 * 1024;

    @LocalServerPort
    int port;

    @Test
    void fiftyDrillsAtOnceAllRecoverWithIntactChainsAndBoundedHeap() throws Exception {
        Api api = new Api(port);
        backup();
        corruptRegistry(); // every drill recovers a copy of this
        Map<String, String> before = PlatformGodFixture.hashes(root());
        long baseline = liveHeap();

        HeapSampler sampler = new HeapSampler();
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<String> runIds = all(clients, IntStream.range(0, DRILLS).boxed().toList(),
                    i -> api.start("{\"runbook\":\"registry-corruption\",\"reason\":\"load drill " + i + "\",\"drill\":true}"));
            Map<String, String> approvals = await("an approval task in each drill", () -> {
                Map<String, String> open = new HashMap<>();
                api.get("/api/tasks").body().forEach(task -> {
                    if (runIds.contains(task.get("runId").asText()) && task.get("formId").asText().equals("approve-restore")) {
                        open.put(task.get("runId").asText(), task.get("taskId").asText());
                    }
                });
                return open.size() == DRILLS ? open : null;
            });
            long liveAtApproval = liveHeap();
            all(clients, List.copyOf(approvals.values()), task -> {
                api.as(TestUsers.APPROVER).complete(task, "{\"approved\":true}");
                return task;
            });
            List<JsonNode> ended = await("the end of every drill", () -> {
                List<JsonNode> runs = new ArrayList<>();
                api.get("/api/runs").body().forEach(run -> {
                    if (runIds.contains(run.get("runId").asText()) && !run.get("state").asText().equals("ACTIVE")) {
                        runs.add(run);
                    }
                });
                return runs.size() == DRILLS ? runs : null;
            });
            long rawPeak = sampler.stop();
            long liveAfter = liveHeap();

            for (JsonNode run : ended) {
                String runId = run.get("runId").asText();
                assertThat(run.get("outcome").asText()).as(runId).isEqualTo("RECOVERED");
                assertThat(api.chainIntact(runId)).as(runId).isTrue();
                assertThat(HOME.resolve("drills").resolve(runId)).doesNotExist();
            }
            assertThat(PlatformGodFixture.hashes(root())).isEqualTo(before);
            System.out.printf("%d concurrent drills: live heap %d MiB before, %d MiB with all at approval, %d MiB after;"
                            + " sampled used-heap peak %d MiB (max heap %d MiB)%n", DRILLS, mib(baseline), mib(liveAtApproval),
                    mib(liveAfter), mib(rawPeak), mib(Runtime.getRuntime().maxMemory()));
            assertThat(liveAtApproval).as("live heap with %d drills in flight", DRILLS).isLessThan(LIVE_HEAP_BOUND);
            assertThat(liveAfter).as("live heap after the drills ended").isLessThan(LIVE_HEAP_BOUND);
        } finally {
            sampler.stop();
            clients.shutdownNow();
        }
    }

    /**
     * Polls gently (a load test must not become a load of its own polling) with a deadline meant to catch a
     * hang, not to time anything: the machine is shared.
     */
    private static <T> T await(String what, Supplier<T> readyOrNull) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (T ready = readyOrNull.get(); ; ready = readyOrNull.get()) {
            if (ready != null) {
                return ready;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    private static <T, R> List<R> all(ExecutorService clients, List<T> inputs, Function<T, R> call) throws Exception {
        List<Future<R>> futures = new ArrayList<>();
        inputs.forEach(input -> futures.add(clients.submit(() -> call.apply(input))));
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    /** Used heap right after a full collection: what is alive, not what G1 has yet to collect. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Used heap, garbage included, every 20 ms. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread = new Thread(this::sample, "heap-sampler");
        private volatile boolean running = true;

        HeapSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (running) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(20_000_000L);
            }
        }

        long stop() {
            running = false;
            return peak.get();
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
