package io.drrunbooks.testsupport;

import io.drrunbooks.target.TargetLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;

/** A small Platform God tree on real files, and the hashing and process helpers the tests compare with. */
public final class PlatformGodFixture {

    /** Longer than tar's 100-character name field, so the POSIX long-name path is exercised. */
    public static final String LONG_NAME = "var/artifacts/reports/2025/01/20/"
            + "a-report-whose-name-is-long-enough-to-need-a-pax-header-in-any-posix-tar-archive.bin";

    private PlatformGodFixture() {
    }

    public static TargetLayout create(Path root) {
        write(root, "var/registry/agents/alpha.yaml", "name: alpha\nmodel: small\ntools: [search, summarize]\n");
        write(root, "var/registry/agents/beta.yaml", "name: beta\nmodel: large\n---\nname: beta-v2\n");
        write(root, "var/registry/index.yml", "agents:\n  - alpha\n  - beta\n");
        write(root, "var/state/run-001.json", "{\"run\":1,\"status\":\"ok\"}\n");
        write(root, "var/state/run-002.json", "{\"run\":2,\"status\":\"failed\"}\n");
        write(root, "var/audit/2025-01-20.jsonl", "{\"event\":\"start\"}\n{\"event\":\"stop\"}\n");
        write(root, "var/cache/llm/abc.json", "{\"cached\":true}\n");
        write(root, ".env", "PGOD_API_KEY=secret\nPGOD_PORT=8080\n");
        write(root, "chains.yaml", "chains:\n  default: [alpha, beta]\n");
        byte[] binary = new byte[300_000];
        new Random(42).nextBytes(binary);
        write(root, "var/artifacts/report.bin", binary);
        write(root, LONG_NAME, new byte[]{0, 1, 2, (byte) 255});
        return TargetLayout.platformGod(root);
    }

    public static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    public static void write(Path root, String relative, String text) {
        write(root, relative, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path root, String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every regular file under {@code directory} by relative path, with its sha256; but the restore journal's lock
     * file, which a restore leaves in a target's {@code .dr-restore/} and which holds nothing.
     */
    public static Map<String, String> hashes(Path directory) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(p -> Files.isRegularFile(p, NOFOLLOW_LINKS) && !isRestoreLock(p)).toList()) {
                hashes.put(directory.relativize(file).toString(), sha256(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hashes;
    }

    private static boolean isRestoreLock(Path file) {
        return file.getFileName().toString().endsWith(".lock") && file.getParent().getFileName().toString().equals(".dr-restore");
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a real command (GNU tar, sha256sum) in {@code directory}; returns its combined output, asserting exit 0. */
    public static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(String.join(" ", command) + " output: " + output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A set exactly as the spec's {@code backup_platform_god.sh} writes it: GNU tar's own archives of the
     * daily data sets and config, and its manifest.txt; no manifest.json.
     */
    public static Path writeSetWithSpecScript(Path root, Path backupRoot, String id) {
        Path set = backupRoot.resolve(id);
        try {
            Files.createDirectories(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : List.of("registry", "state", "artifacts", "audit")) {
            run(root, "tar", "-czf", set.resolve(name + ".tar.gz").toString(), "-C", root.toString(), "var/" + name + "/");
        }
        run(root, "tar", "-czf", set.resolve("config.tar.gz").toString(), "-C", root.toString(), ".env", "chains.yaml");
        write(set, "manifest.txt", "Backup Date: Mon Jan 20 02:00:00 UTC 2025\nPlatform God Version: 0.1.0\n"
                + "Files Included:\n  - registry.tar.gz (Agent definitions)\n  - state.tar.gz (Execution history)\n"
                + "  - artifacts.tar.gz (Generated reports)\n  - audit.tar.gz (Audit logs)\n  - config.tar.gz (Configuration)\n");
        return set;
    }
}
