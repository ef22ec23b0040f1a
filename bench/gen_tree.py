#!/usr/bin/env python3
"""Writes a reproducible Platform God tree of about SIZE MiB: bench/gen_tree.py ROOT SIZE_MIB [SEED].

Shares of the bytes, after what a production tree looks like: var/state 25% as small JSON files (~650 bytes,
so ~100,000 of them at 256 MiB), var/audit 15% as JSON-lines logs, var/registry a few hundred YAML agents,
var/artifacts 60%: text reports (20%) and incompressible binaries (40%: already-compressed bundles and model
weights), a few of them large. Same seed and size, same bytes."""
import json
import os
import random
import sys

root, size_mib = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20250120)
total = size_mib * 1024 * 1024
AGENTS = [f"agent-{i:03d}" for i in range(300)]
WORDS = ("deploy rollback verify chain registry token latency p99 error retry budget quorum shard replica "
         "snapshot compaction ingest schema drift anomaly report summary incident owner oncall").split()


def write(relative, data):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def sentence(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def state_record(i):
    return json.dumps({"run_id": f"run-{i:07d}", "agent": rng.choice(AGENTS), "status": rng.choice(["ok", "failed", "retried"]),
                       "started_at": f"2025-01-{rng.randint(1, 20):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
                       "duration_ms": rng.randint(10, 900000), "tokens": {"in": rng.randint(0, 90000), "out": rng.randint(0, 9000)},
                       "chain": rng.choice(["triage", "summarise", "remediate"]), "notes": sentence(rng.randint(20, 60)),
                       "trace": "%032x" % rng.getrandbits(128)}, indent=2).encode()


def text_file(target):
    lines, n = [], 0
    while n < target:
        line = json.dumps({"ts": 1737331200 + rng.randint(0, 86400 * 20), "level": rng.choice(["INFO", "WARN", "ERROR"]),
                           "actor": rng.choice(AGENTS), "event": rng.choice(WORDS), "msg": sentence(rng.randint(5, 25)),
                           "id": "%016x" % rng.getrandbits(64)}) + "\n"
        lines.append(line)
        n += len(line)
    return "".join(lines).encode()


for i, agent in enumerate(AGENTS):
    write(f"var/registry/agents/{agent}.yaml", (f"name: {agent}\nmodel: claude\nversion: {rng.randint(1, 9)}\n"
          f"description: {sentence(30)}\ntools:\n" + "".join(f"  - {rng.choice(WORDS)}\n" for _ in range(8))).encode())
write("var/registry/index.yml", "".join(f"- {a}\n" for a in AGENTS).encode())

written, i = 0, 0
while written < total * 0.25:
    data = state_record(i)
    write(f"var/state/runs/{i // 1000:04d}/run-{i:07d}.json", data)
    written, i = written + len(data), i + 1

written, day = 0, 0
while written < total * 0.15:
    data = text_file(min(8 << 20, int(total * 0.15 - written) + 1))
    write(f"var/audit/2025-01-{day % 28 + 1:02d}.{day // 28}.jsonl", data)
    written, day = written + len(data), day + 1

written, i = 0, 0
while written < total * 0.20:
    data = text_file(rng.randint(20 << 10, 2 << 20))
    write(f"var/artifacts/reports/report-{i:05d}.json", data)
    written, i = written + len(data), i + 1

written, i = 0, 0
while written < total * 0.40:
    # one in eight binaries is large (up to 48 MiB), the rest 64 KiB to 4 MiB
    size = rng.randint(8 << 20, 48 << 20) if i % 8 == 0 else rng.randint(64 << 10, 4 << 20)
    size = min(size, int(total * 0.40 - written) + 1)
    write(f"var/artifacts/bundles/bundle-{i:04d}.{rng.choice(['tar.gz', 'bin', 'zip'])}", rng.randbytes(size))
    written, i = written + size, i + 1

write(".env", b"PGOD_API_KEY=bench\nPGOD_ENV=bench\n")
write("chains.yaml", b"chains:\n  - triage\n  - summarise\n  - remediate\n")
