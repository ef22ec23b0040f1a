#!/usr/bin/env python3
"""Medians and ratios of a bench/run.sh results file: report.py RESULTS SIZE_MIB REPS."""
import os
import statistics
import sys

path, size, reps = sys.argv[1], sys.argv[2], sys.argv[3]
runs = {}
for line in open(path):
    name, *values = line.split()
    runs.setdefault(name, []).append([float(v) for v in values])


def median(name, column=0):
    return statistics.median(v[column] for v in runs[name]) if name in runs else None


model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"\n{size} MiB tree, medians of {reps}, {os.cpu_count()} cores ({model}), load average {os.getloadavg()[0]:.1f}")
print(f"{'':16}{'seconds':>9}{'/ spec':>8}{'cpu/wall':>9}{'peak RSS MiB':>14}{'output MB':>11}{'/ spec':>8}")
for step in ("backup", "restore"):
    spec = median(f"{step}-spec")
    for who in ("spec", "pigz", "ours"):
        seconds = median(f"{step}-{who}")
        if seconds is None:
            continue
        ratio = f"{seconds / spec:8.2f}" if spec else " " * 8
        # CPU time over wall time, median of the runs: 2 is both cores busy all along
        cpu = statistics.median(v[2] / v[0] for v in runs[f"{step}-{who}"]) if len(runs[f"{step}-{who}"][0]) > 2 else 0
        line = f"{step + ' ' + who:16}{seconds:9.2f}{ratio}{cpu:9.2f}{median(f'{step}-{who}', 1) / 1024:14.0f}"
        out = median(f"size-{who}") if step == "backup" else None
        if out:
            spec_out = median("size-spec")
            line += f"{out / 1e6:11.1f}" + (f"{out / spec_out:8.3f}" if spec_out else "")
        print(line)
