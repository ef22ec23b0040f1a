package io.drrunbooks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Runs the real commands on a small generated tree in a scratch directory: backup (in small gzip members, so a
 * restore reads them in parallel), verify, list, restore with its audit trail, verify-audit; then checks that the
 * restored tree holds the same bytes. An operator learns that this installation works; the build runs it once to
 * record which classes the commands load, for the class-data archive {@code bin/dr-runbooks} starts with.
 */
@Command(name = "self-test", description = "Backs up, verifies and restores a small generated tree in a scratch directory;"
        + " exit 0 when every step worked and the restored tree matches.")
final class SelfTestCommand implements Callable<Integer> {

    @Option(names = "--work", description = "The scratch directory, deleted at the end (default: a new one under the system's temp"
            + " directory).")
    Path work;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path scratch = work != null ? Files.createDirectories(work) : Files.createTempDirectory("dr-runbooks-self-test");
        PrintStream out = System.out;
        try {
            Path tree = scratch.resolve("tree");
            Path backups = scratch.resolve("backups");
            Path restored = scratch.resolve("restored");
            writeTree(tree);
            Files.createDirectories(restored);
            run("backup", "--root", tree.toString(), "--to", backups.toString(), "--member-bytes", "65536");
            Path set;
            try (Stream<Path> sets = Files.list(backups)) {
                set = sets.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            run("verify", set.toString());
            run("list", "--from", backups.toString());
            run("restore", "--from", set.toString(), "--root", restored.toString(), "--home", scratch.resolve("home").toString());
            run("verify-audit", "--home", scratch.resolve("home").toString());
            for (String data : List.of("registry", "state", "artifacts", "audit")) {
                if (!sameFiles(tree.resolve("var").resolve(data), restored.resolve("var").resolve(data))) {
                    throw new IllegalStateException("the restored var/" + data + " differs from the original");
                }
            }
            out.println("self-test passed: backup, verify, list, restore, verify-audit in " + scratch);
            return 0;
        } finally {
            System.setOut(out);
            deleteTree(scratch);
        }
    }

    /** A command of this command line, its output kept out of the way; its failure fails the self-test. */
    private void run(String... args) {
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        int exit = spec.root().commandLine().execute(args);
        if (exit != 0) {
            throw new IllegalStateException("'" + String.join(" ", args) + "' exited " + exit);
        }
    }

    /** A Platform God tree of a few hundred KiB: YAML agents, JSON runs, JSON-lines audit, a large binary artifact. */
    private static void writeTree(Path root) throws IOException {
        Random random = new Random(20250120);
        for (int i = 0; i < 20; i++) {
            write(root.resolve("var/registry/agents/agent-" + i + ".yaml"), ("name: agent-" + i + "\nmodel: claude\n").getBytes());
        }
        for (int i = 0; i < 400; i++) {
            write(root.resolve("var/state/runs/" + i / 100 + "/run-" + i + ".json"),
                    ("{\"run_id\":\"run-" + i + "\",\"status\":\"ok\",\"trace\":\"" + random.nextLong() + "\"}\n").getBytes());
        }
        StringBuilder audit = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            audit.append("{\"ts\":").append(1737331200 + i).append(",\"event\":\"deploy\",\"id\":").append(random.nextInt()).append("}\n");
        }
        write(root.resolve("var/audit/2025-01-20.jsonl"), audit.toString().getBytes());
        byte[] bundle = new byte[600 * 1024];
        random.nextBytes(bundle);
        write(root.resolve("var/artifacts/bundles/bundle-0.bin"), bundle);
        write(root.resolve(".env"), "PGOD_ENV=self-test\n".getBytes());
        write(root.resolve("chains.yaml"), "chains:\n  - triage\n".getBytes());
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static boolean sameFiles(Path original, Path restored) throws IOException {
        try (Stream<Path> files = Files.walk(original)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.mismatch(file, restored.resolve(original.relativize(file))) != -1) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
