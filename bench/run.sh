#!/bin/bash
# The benchmark harness (README, "Performance"): bench/run.sh [SIZE_MIB=256] [REPS=3] [WORK...]
#
# Run it with the machine otherwise quiet, and no Maven build at the same time: flock /tmp/mvn.lock bench/run.sh
# WORK defaults to two directories, one on tmpfs (/dev/shm/dr-bench: no disk noise) and one on disk
# (/var/tmp/dr-bench); the whole comparison runs in each and prints a table for each.
#
# Builds the jar if needed, generates a reproducible Platform God tree of SIZE_MIB (bench/gen_tree.py), then
# runs, REPS times and rotating their order, the spec's backup script, `tar | pigz -p $(nproc)` per data set
# (when pigz is installed), and `dr-runbooks backup`; then the spec's restore script and `dr-runbooks restore`
# (which verifies every file) into empty roots. Prints medians, ratios to the spec, output sizes and peak
# memory (/usr/bin/time), CPU time / wall time (both cores busy: near 2), then the engine's post-approval time
# (bench/engine_overhead.py).
# BENCH_SKIP_ENGINE=1 leaves the engine out; BENCH_ONLY_OURS=1 runs only dr-runbooks (memory runs on big trees);
# Ours runs through bin/dr-runbooks, the command line's launcher; BENCH_JAVA_OPTS replace its JVM settings
# (e.g. BENCH_JAVA_OPTS=-XX:+UseG1GC for the JVM's defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-256}
REPS=${2:-3}
shift $(( $# < 2 ? $# : 2 ))
WORKS=("$@")
[ ${#WORKS[@]} = 0 ] && WORKS=(/dev/shm/dr-bench /var/tmp/dr-bench)
CORES=$(nproc)
JAR=$(ls target/dr-runbooks-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
    mvn -q -DskipTests package  # plain mvn: this script runs under the build lock (see above)
    JAR=$(ls target/dr-runbooks-*.jar | grep -v original | head -1)
fi
[ -f target/cli/dr-runbooks.jsa ] || echo "note: no target/cli/dr-runbooks.jsa (built by mvn package): ours starts without its class-data archive"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

for WORK in "${WORKS[@]}"; do
mkdir -p "$WORK"
echo "== WORK=$WORK ($(df --output=fstype "$WORK" | tail -1))"
TREE="$WORK/tree-$SIZE"
if [ ! -f "$TREE/chains.yaml" ]; then
    echo "generating a $SIZE MiB tree in $TREE"
    python3 bench/gen_tree.py "$TREE" "$SIZE"
fi
RESULTS="$WORK/results-$SIZE.txt"
: > "$RESULTS"

# timed NAME COMMAND...: appends "NAME seconds peak_rss_kib cpu_seconds" to the results.
timed() {
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M %U %S" -o "$WORK/rss" "$@" > "$WORK/$name.out" 2>&1 || { cat "$WORK/$name.out"; exit 1; }
    end=$(date +%s.%N)
    read -r rss user sys < <(tail -1 "$WORK/rss")
    echo "$name $(echo "$end - $start" | bc) $rss $(echo "$user + $sys" | bc)" >> "$RESULTS"
}

pigz_backup() {
    mkdir -p "$1"
    for d in registry state artifacts audit; do tar -cf - -C "$TREE" "var/$d/" | pigz -p "$CORES" > "$1/$d.tar.gz"; done
    tar -cf - -C "$TREE" .env chains.yaml | pigz -p "$CORES" > "$1/config.tar.gz"
}

sizes() { du -cb "$1"/*.tar.gz | tail -1 | cut -f1; }

# Nothing is deleted between timed commands: on a file system mounted with `discard` (ext4 here) the first
# command after deleting 100,000 files pays for it (measured: 39 s of system time for a 3.5 s `tar -xzf`).
# Every contestant writes into a directory of its own; all of them go at the end, and leftovers of an earlier
# run go now, followed by an untimed extraction that absorbs the cost of deleting them.
rm -rf "$WORK/runs" && mkdir -p "$WORK/runs/settle"
tar -cf - -C "$TREE" var/state | tar -xf - -C "$WORK/runs/settle"
# the tree in the page cache for every contestant alike (GNU tar reads no file when its archive is /dev/null)
tar -cf - -C "$TREE" . | cat > /dev/null
COMMANDS=(spec ours)
command -v pigz >/dev/null && COMMANDS=(spec pigz ours)
[ "${BENCH_ONLY_OURS:-0}" = 1 ] && COMMANDS=(ours)
for rep in $(seq 1 "$REPS"); do
    SETS="$WORK/runs/sets-$rep"
    mkdir -p "$SETS"
    # rotate the order, so no contestant always runs first (cold) or last
    for i in $(seq 0 $((${#COMMANDS[@]} - 1))); do
        c=${COMMANDS[$(((i + rep) % ${#COMMANDS[@]}))]}
        case $c in
            spec) PGOD_ROOT="$TREE" timed backup-spec bench/spec/backup_platform_god.sh "$SETS/spec" ;;
            pigz) timed backup-pigz bash -c "$(declare -f pigz_backup); TREE='$TREE' CORES=$CORES pigz_backup '$SETS/pigz/set'" ;;
            ours) timed backup-ours env DR_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" bin/dr-runbooks backup --root "$TREE" --to "$SETS/ours" ;;
        esac
    done
    for c in "${COMMANDS[@]}"; do
        echo "size-$c $(sizes "$(echo "$SETS/$c"/*/)")" >> "$RESULTS"
    done
    for i in 0 1; do
        c=$( ( [ $(((i + rep) % 2)) = 0 ] && [ "${BENCH_ONLY_OURS:-0}" != 1 ] ) && echo spec || echo ours)
        RESTORED="$WORK/runs/restored-$rep-$c"
        mkdir -p "$RESTORED"
        case $c in
            spec) echo n | PGOD_ROOT="$RESTORED" timed restore-spec bench/spec/restore_platform_god.sh "$SETS"/spec/*/ ;;
            ours) timed restore-ours env DR_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" bin/dr-runbooks restore --from "$(echo "$SETS"/ours/*/)" --root "$RESTORED" --home "$WORK/runs/home-$rep" ;;
        esac
        [ "${BENCH_ONLY_OURS:-0}" = 1 ] && break
    done
done
rm -rf "$WORK/runs"
python3 bench/report.py "$RESULTS" "$SIZE" "$REPS"
done
if [ "${BENCH_SKIP_ENGINE:-0}" != 1 ]; then
    ENGINE="${WORKS[-1]}/engine"
    rm -rf "$ENGINE" && mkdir -p "$ENGINE"
    python3 bench/engine_overhead.py "$JAR" "$ENGINE" 3
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
