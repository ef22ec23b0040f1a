#!/bin/bash
# Memory flat in the number of files (README, "Performance"): bench/many_files.sh [FILES=1000000] [WORK=/var/tmp/dr-many]
#
# Writes a Platform God tree whose var/state holds FILES small JSON files (1,000 a directory), then backs it up and
# restores it through bin/dr-runbooks, the launcher (serial GC, -Xmx384m), and prints each one's time, peak RSS and
# exit status; a heap too small for the manifest would end the command with an OutOfMemoryError. Run it under the
# build lock, like bench/run.sh: flock /tmp/mvn.lock bench/many_files.sh
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-1000000}
WORK=${2:-/var/tmp/dr-many}
TREE="$WORK/tree-$FILES"
if [ ! -f "$TREE/chains.yaml" ]; then
    echo "writing $FILES files under $TREE/var/state"
    python3 - "$TREE" "$FILES" <<'PY'
import os, sys
root, files = sys.argv[1], int(sys.argv[2])
for d in ("registry", "artifacts", "audit"):
    os.makedirs(f"{root}/var/{d}", exist_ok=True)
with open(f"{root}/var/registry/index.yml", "w") as f:
    f.write("agents: []\n")
for i in range(files):
    directory = f"{root}/var/state/runs/{i // 1000:04d}"
    if i % 1000 == 0:
        os.makedirs(directory, exist_ok=True)
    with open(f"{directory}/run-{i:07d}.json", "w") as f:
        f.write('{"run_id": "run-%07d", "status": "ok"}\n' % i)
for name, text in ((".env", "PGOD_ENV=bench\n"), ("chains.yaml", "chains: []\n")):
    with open(f"{root}/{name}", "w") as f:
        f.write(text)
PY
fi
rm -rf "$WORK/sets" "$WORK/restored" "$WORK/home" && mkdir -p "$WORK/sets" "$WORK/restored"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "backup:  %e s, %U s user, %S s system, peak RSS %M KiB, exit %x" bin/dr-runbooks backup --root "$TREE" --to "$WORK/sets" | tail -1
SET=$(ls -d "$WORK"/sets/2*)
echo "manifest.json: $(du -h "$SET/manifest.json" | cut -f1)"
/usr/bin/time -f "restore: %e s, %U s user, %S s system, peak RSS %M KiB, exit %x" bin/dr-runbooks restore --from "$SET" --root "$WORK/restored" --home "$WORK/home" --only state | tail -1
echo "restored files: $(find "$WORK/restored/var/state" -type f | wc -l)"
