package io.drrunbooks.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes a small but realistic Platform God tree: agents, runs, reports, audit lines, config. */
final class SampleTree {

    private static final String[] AGENTS = {"code-reviewer", "dependency-auditor", "incident-summarizer",
            "release-notes-writer", "security-scanner"};

    private SampleTree() {
    }

    static void write(Path root) {
        try {
            for (int i = 0; i < AGENTS.length; i++) {
                write(root.resolve("var/registry/agents/" + AGENTS[i] + ".yaml"), """
                        name: %s
                        version: 1.%d.0
                        model: gpt-4o
                        enabled: true
                        prompt: |
                          You are the %s agent of Platform God.
                        tools: [read_repo, post_comment]
                        """.formatted(AGENTS[i], i, AGENTS[i].replace('-', ' ')));
            }
            write(root.resolve("var/registry/registry.yaml"), """
                    schema: 1
                    agents_dir: agents
                    default_chain: review
                    """);
            for (int run = 1; run <= 20; run++) {
                write(root.resolve("var/state/runs/run-%04d.json".formatted(run)), """
                        {"run_id":"run-%04d","agent":"%s","status":"%s","started_at":"2025-01-20T%02d:00:00Z"}
                        """.formatted(run, AGENTS[run % AGENTS.length], run % 7 == 0 ? "failed" : "succeeded", run % 24));
            }
            write(root.resolve("var/artifacts/reports/weekly-review.md"), "# Weekly review\n\nAll agents healthy.\n");
            byte[] binary = new byte[64 * 1024];
            new Random(42).nextBytes(binary);
            Files.createDirectories(root.resolve("var/artifacts/bundles"));
            Files.write(root.resolve("var/artifacts/bundles/model-cache.bin"), binary);
            StringBuilder audit = new StringBuilder();
            for (int line = 0; line < 50; line++) {
                audit.append("{\"ts\":\"2025-01-20T10:%02d:00Z\",\"actor\":\"%s\",\"action\":\"agent.run\",\"seq\":%d}\n"
                        .formatted(line % 60, AGENTS[line % AGENTS.length], line));
            }
            write(root.resolve("var/audit/audit-2025-01-20.jsonl"), audit.toString());
            write(root.resolve("var/cache/llm/0001.json"), "{\"prompt_hash\":\"ab12\",\"response\":\"cached\"}\n");
            write(root.resolve(".env"), "PG_STATE_PATH=var/state\nPG_REGISTRY_PATH=var/registry\nPG_API_PORT=8000\n");
            write(root.resolve("chains.yaml"), "chains:\n  review: [code-reviewer, security-scanner]\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the demo target under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Appends broken YAML to one agent definition, as a half-written file would leave it. */
    static Path damageRegistry(Path root) {
        Path victim = root.resolve("var/registry/agents/" + AGENTS[0] + ".yaml");
        try {
            Files.writeString(victim, "tools: [read_repo, post_comment\n  bad: : indentation\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            return victim;
        } catch (IOException e) {
            throw new UncheckedIOException("could not damage the demo registry: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
