package io.drrunbooks.runbook;

import io.drrunbooks.engine.EngineRun;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.target.TargetLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The scratch copies drills run on, {@code <dr.home>/drills/<runId>}: made when a drill starts and
 * removed when it ends, however it ends: by {@code finish-run} after a normal end, at a cancel, and at
 * the service's start for every copy whose run has ended (a crash, or an end neither of those saw). A
 * failed drill (a step out of retries) keeps its copy: the run is still there, and an operator may
 * retry the step or cancel the run. A copy holds the target's data and its {@code .env}: left behind,
 * it is a stale copy of the secrets that nothing guards.
 */
@Component
class DrillScratch {

    static final String DIRECTORY = "drills";
    /** A failed run is still there, waiting at its incident. */
    private static final Set<EngineRun.RunState> RUNNING = Set.of(EngineRun.RunState.ACTIVE, EngineRun.RunState.FAILED);
    private static final Logger log = LoggerFactory.getLogger(DrillScratch.class);

    private final Path drills;
    private final ObjectProvider<RunbookEngine> engine; // the engine is built after the run service that uses this
    private final Instant serviceStart;

    DrillScratch(@Value("${dr.home}") Path home, ObjectProvider<RunbookEngine> engine, Clock clock) {
        this.drills = home.resolve(DIRECTORY);
        this.engine = engine;
        this.serviceStart = clock.instant();
    }

    /** Copies the live target for drill {@code runId} and returns the copy's root. */
    Path create(TargetLayout live, String runId) {
        Path scratch = drills.resolve(runId);
        ScratchCopies.copy(live, scratch);
        return scratch;
    }

    /**
     * Removes the scratch copy of run {@code runId} when the run is a drill, and says which. The copy is
     * the run's {@code targetRoot} (another instance may have made it under its own home), and only a
     * path that is a drill's copy of this very run is removed: never a live root.
     */
    Optional<Path> remove(String runId, Map<String, Object> variables) {
        Object root = variables.get(RunTargets.TARGET_ROOT);
        if (!Boolean.TRUE.equals(variables.get(RunTargets.DRILL)) || root == null) {
            return Optional.empty();
        }
        Path scratch = Path.of(root.toString());
        Path parent = scratch.getParent();
        if (!scratch.getFileName().toString().equals(runId) || parent == null || !parent.getFileName().toString().equals(DIRECTORY)) {
            throw new IllegalStateException("drill " + runId + " has the target root " + scratch + ", which is not a drill's"
                    + " scratch copy (<dr.home>/" + DIRECTORY + "/" + runId + "): it is left alone");
        }
        ScratchCopies.delete(scratch);
        return Optional.of(scratch);
    }

    /**
     * Where a run ends without {@code finish-run} (canceled): removes a drill's copy and says so,
     * or says why it could not; the next start of the service removes what is left.
     */
    Optional<String> discard(String runId, Map<String, Object> variables) {
        try {
            return remove(runId, variables).map(scratch -> "removed " + scratch);
        } catch (IllegalStateException notAScratchCopy) {
            log.warn(notAScratchCopy.getMessage());
            return Optional.of(notAScratchCopy.getMessage());
        } catch (UncheckedIOException failed) {
            log.warn("the scratch copy of drill {} is left: {}", runId, failed.getMessage());
            return Optional.of("left (" + failed.getMessage() + "); the service's next start removes it");
        }
    }

    /**
     * Removes every copy whose run has ended (completed, canceled, or unknown to the engine). A copy
     * changed since this service started is left: a drill may be starting right now. A run the engine
     * cannot be asked about now keeps its copy until the next start: a sweep must not stop the service.
     */
    @EventListener(ApplicationReadyEvent.class)
    void sweep() {
        for (Path scratch : copies()) {
            String runId = scratch.getFileName().toString();
            Optional<EngineRun.RunState> state;
            try {
                state = engine.getObject().run(runId).map(EngineRun::state);
            } catch (RuntimeException unreachable) {
                log.warn("the scratch copy {} of drill {} is left: its run could not be read: {}", scratch, runId,
                        unreachable.getMessage());
                continue;
            }
            if (state.filter(RUNNING::contains).isPresent() || changedSinceStart(scratch)) {
                continue;
            }
            try {
                ScratchCopies.delete(scratch);
                log.info("removed the scratch copy {} of drill {}, which is {}", scratch, runId,
                        state.map(Enum::name).orElse("unknown to the engine"));
            } catch (UncheckedIOException failed) {
                log.warn("could not remove the scratch copy {} of drill {}: {}", scratch, runId, failed.getMessage());
            }
        }
    }

    private List<Path> copies() {
        if (!Files.isDirectory(drills, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(drills)) {
            return children.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException e) {
            log.warn("could not list the drills' scratch copies under {}: {}", drills, e.getMessage());
            return List.of();
        }
    }

    private boolean changedSinceStart(Path scratch) {
        try {
            return !Files.getLastModifiedTime(scratch, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(serviceStart);
        } catch (IOException gone) {
            return true; // removed meanwhile: nothing to do
        }
    }
}
