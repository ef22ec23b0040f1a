#!/bin/bash
# The benchmark harness (README, "Performance"): bench/run.sh [SIZE_MIB=256] [REPS=3] [WORK=/tmp/dr-bench]
#
# Builds the jar if needed, generates a reproducible Platform God tree of SIZE_MIB (bench/gen_tree.py), then
# runs, REPS times and rotating their order, the spec's backup script, `tar | pigz -p $(nproc)` per data set
# (when pigz is installed), and `dr-runbooks backup`; then the spec's restore script and `dr-runbooks restore`
# (which verifies every file) into empty roots. Prints medians, ratios to the spec, output sizes and peak
# memory (/usr/bin/time -v), then the engine's post-approval time (bench/engine_overhead.py).
# BENCH_SKIP_ENGINE=1 leaves the engine out; BENCH_ONLY_OURS=1 runs only dr-runbooks (memory runs on big trees);
# BENCH_JAVA_OPTS are passed to dr-runbooks' JVM (e.g. -Xmx256m; default: none, the JVM's own ergonomics).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-256}
REPS=${2:-3}
WORK=${3:-/tmp/dr-bench}
CORES=$(nproc)
JAR=$(ls target/dr-runbooks-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
    mvn -q -DskipTests package
    JAR=$(ls target/dr-runbooks-*.jar | grep -v original | head -1)
fi
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
TREE="$WORK/tree-$SIZE"
if [ ! -f "$TREE/chains.yaml" ]; then
    echo "generating a $SIZE MiB tree in $TREE"
    python3 bench/gen_tree.py "$TREE" "$SIZE"
fi
RESULTS="$WORK/results-$SIZE.txt"
: > "$RESULTS"

# timed NAME COMMAND...: appends "NAME seconds peak_rss_kib" to the results.
timed() {
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$WORK/rss" "$@" > "$WORK/$name.out" 2>&1 || { cat "$WORK/$name.out"; exit 1; }
    end=$(date +%s.%N)
    echo "$name $(echo "$end - $start" | bc) $(tail -1 "$WORK/rss")" >> "$RESULTS"
}

pigz_backup() {
    mkdir -p "$1"
    for d in registry state artifacts audit; do tar -cf - -C "$TREE" "var/$d/" | pigz -p "$CORES" > "$1/$d.tar.gz"; done
    tar -cf - -C "$TREE" .env chains.yaml | pigz -p "$CORES" > "$1/config.tar.gz"
}

sizes() { du -cb "$1"/*.tar.gz | tail -1 | cut -f1; }

tar -cf /dev/null -C "$TREE" . # the tree in the page cache for every contestant alike
COMMANDS=(spec ours)
command -v pigz >/dev/null && COMMANDS=(spec pigz ours)
[ "${BENCH_ONLY_OURS:-0}" = 1 ] && COMMANDS=(ours)
for rep in $(seq 1 "$REPS"); do
    rm -rf "$WORK/sets" && mkdir -p "$WORK/sets"
    # rotate the order, so no contestant always runs first (cold) or last
    for i in $(seq 0 $((${#COMMANDS[@]} - 1))); do
        c=${COMMANDS[$(((i + rep) % ${#COMMANDS[@]}))]}
        case $c in
            spec) PGOD_ROOT="$TREE" timed backup-spec bench/spec/backup_platform_god.sh "$WORK/sets/spec" ;;
            pigz) timed backup-pigz bash -c "$(declare -f pigz_backup); TREE='$TREE' CORES=$CORES pigz_backup '$WORK/sets/pigz/set'" ;;
            ours) timed backup-ours java ${BENCH_JAVA_OPTS:-} -jar "$JAR" backup --root "$TREE" --to "$WORK/sets/ours" ;;
        esac
    done
    for c in "${COMMANDS[@]}"; do
        echo "size-$c $(sizes "$(echo "$WORK/sets/$c"/*/)")" >> "$RESULTS"
    done
    for i in 0 1; do
        c=$( ( [ $(((i + rep) % 2)) = 0 ] && [ "${BENCH_ONLY_OURS:-0}" != 1 ] ) && echo spec || echo ours)
        rm -rf "$WORK/restored" "$WORK/home" && mkdir -p "$WORK/restored"
        case $c in
            spec) echo n | PGOD_ROOT="$WORK/restored" timed restore-spec bench/spec/restore_platform_god.sh "$WORK"/sets/spec/*/ ;;
            ours) timed restore-ours java ${BENCH_JAVA_OPTS:-} -jar "$JAR" restore --from "$(echo "$WORK"/sets/ours/*/)" --root "$WORK/restored" --home "$WORK/home" ;;
        esac
        [ "${BENCH_ONLY_OURS:-0}" = 1 ] && break
    done
done
rm -rf "$WORK/restored" "$WORK/sets"
python3 bench/report.py "$RESULTS" "$SIZE" "$REPS"
if [ "${BENCH_SKIP_ENGINE:-0}" != 1 ]; then
    rm -rf "$WORK/engine" && mkdir -p "$WORK/engine"
    python3 bench/engine_overhead.py "$JAR" "$WORK/engine" 3
fi
