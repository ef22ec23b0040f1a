package io.drrunbooks.testsupport;

import java.util.Random;

/**
 * A Platform God tree big enough that a kill lands in the middle of backing it up or restoring it: a few thousand
 * small files (agent definitions, run states, reports, audit lines) and a few MiB of incompressible artifacts.
 * Two variants differ in every data set: each file's content, and which files exist.
 */
public final class RealisticTree {

    private RealisticTree() {
    }

    public static void write(java.nio.file.Path root, int variant, int agents, int runs) {
        Random random = new Random(variant);
        for (int i = 0; i < agents + variant; i++) {
            PlatformGodFixture.write(root, "var/registry/agents/agent-%04d.yaml".formatted(i),
                    "name: agent-%d\nversion: %d.%d\nmodel: small\ntools: [search, summarize]\n".formatted(i, variant, i));
        }
        PlatformGodFixture.write(root, "var/registry/index.yml", "agents: %d\nvariant: %d\n".formatted(agents + variant, variant));
        for (int i = 0; i < runs + variant; i++) {
            PlatformGodFixture.write(root, "var/state/runs/%02d/run-%05d.json".formatted(i % 50, i),
                    "{\"run\":%d,\"variant\":%d,\"status\":\"%s\"}\n".formatted(i, variant, i % 7 == 0 ? "failed" : "ok"));
        }
        for (int i = 0; i < 40; i++) {
            PlatformGodFixture.write(root, "var/artifacts/reports/report-%03d.md".formatted(i),
                    "# Report %d (variant %d)\n\n%s\n".formatted(i, variant, "All agents healthy. ".repeat(50)));
        }
        PlatformGodFixture.write(root, "var/artifacts/bundles/model-cache.bin", randomBytes(random, 3 << 20));
        PlatformGodFixture.write(root, "var/artifacts/bundles/embeddings-" + variant + ".bin", randomBytes(random, 1 << 20));
        for (int day = 1; day <= 5; day++) {
            StringBuilder lines = new StringBuilder();
            for (int line = 0; line < 300; line++) {
                lines.append("{\"day\":%d,\"seq\":%d,\"variant\":%d,\"action\":\"agent.run\"}\n".formatted(day, line, variant));
            }
            PlatformGodFixture.write(root, "var/audit/2025-01-%02d.jsonl".formatted(day + variant), lines.toString());
        }
        PlatformGodFixture.write(root, ".env", "PGOD_API_KEY=key-" + variant + "\n");
        PlatformGodFixture.write(root, "chains.yaml", "chains:\n  default: [agent-0, agent-1]\n");
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
