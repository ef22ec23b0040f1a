package io.drrunbooks.runbook;

import io.drrunbooks.target.Target;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a start may point a run ({@code targetRoot}): the path is resolved to its real path first
 * (symlinks followed, {@code ..} gone), so that what is checked, held and shown to an approver is the
 * directory the run will write. Never {@code /} nor the service's own {@code dr.home}; otherwise only
 * a root under {@code dr.target.allowed-roots}, whose default is the configured {@code dr.target.root}
 * and, for server-loss, any empty or absent directory (a new server's).
 */
@Component
class TargetRoots {

    /** The start field that lets server-loss overwrite a root holding data. */
    static final String OVERWRITE = "overwriteNonEmptyRoot";

    private static final String FIELD = "field '" + RunTargets.TARGET_ROOT + "': ";

    private final Target target;
    private final Path home;

    TargetRoots(Target target, @Value("${dr.home}") Path home) {
        this.target = target;
        this.home = home;
    }

    /** The configured live root, resolved. */
    Path live() {
        return realPath(target.layout().root());
    }

    /**
     * The root the run acts on, resolved: the one given at start (checked) or the configured one. A server-loss,
     * meant for a new, empty root, refuses one that holds data unless the start says {@value #OVERWRITE} (and
     * then its model has an approver confirm it); a drill overwrites only its scratch copy.
     */
    Path resolve(Runbook runbook, Map<String, Object> fields) {
        Object given = fields.get(RunTargets.TARGET_ROOT);
        Path root = given == null ? live() : check(runbook, given.toString());
        Object overwrite = fields.get(OVERWRITE);
        if (overwrite != null && !(overwrite instanceof Boolean)) {
            throw new IllegalArgumentException("field '" + OVERWRITE + "' must be true or false, got " + overwrite);
        }
        boolean drill = Boolean.TRUE.equals(fields.get(RunTargets.DRILL));
        if (runbook.rebuildsServer() && !drill && hasData(root) && !Boolean.TRUE.equals(overwrite)) {
            throw new IllegalArgumentException("field '" + OVERWRITE + "': server-loss restores onto a new, empty root, and "
                    + root + (root.equals(live()) ? " is the live dr.target.root" : " is not empty") + "; to overwrite it,"
                    + " start with \"" + OVERWRITE + "\": true (an approver then confirms, and services are stopped first)");
        }
        return root;
    }

    /** The given root, resolved and checked; a refusal names the field and why. */
    private Path check(Runbook runbook, String given) {
        Path root = realPath(Path.of(given));
        if (root.getNameCount() == 0) {
            throw new IllegalArgumentException(FIELD + given + " resolves to " + root + ", the whole file system");
        }
        if (root.equals(realPath(home))) {
            throw new IllegalArgumentException(FIELD + given + " resolves to " + root + ", this service's own dr.home");
        }
        List<Path> allowed = target.allowedRoots().stream().map(TargetRoots::realPath).toList();
        if (allowed.isEmpty() ? !root.equals(live()) && !(runbook.rebuildsServer() && emptyOrAbsent(root))
                : allowed.stream().noneMatch(root::startsWith)) {
            throw new IllegalArgumentException(FIELD + given + " resolves to " + root + ", outside dr.target.allowed-roots "
                    + (allowed.isEmpty() ? "(not set: only dr.target.root " + live()
                    + ", and for server-loss an empty or absent directory)" : allowed));
        }
        return root;
    }

    /** Whether the directory holds anything at all: a new server's root holds nothing yet. */
    static boolean hasData(Path root) {
        if (!Files.isDirectory(root)) {
            return Files.exists(root);
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean emptyOrAbsent(Path root) {
        return !hasData(root);
    }

    /**
     * The real path of the deepest part that exists, with the rest appended: an absent new server's root
     * resolves as well, through whatever symlink its parent is.
     */
    static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath();
        Path existing = absolute;
        while (!Files.exists(existing)) {
            existing = existing.getParent(); // the file system's root exists, so this ends
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }
}
