#!/usr/bin/env python3
"""Post-approval time of a registry-corruption recovery through the REST API: bench/engine_overhead.py JAR WORKDIR
[RUNS]. For each run: start it, wait for the approval task, approve, and time from the approval's response to the
run no longer being ACTIVE (polled every 2 ms). Two configurations, one service each: the demo profile's tiny
registry, and a configured target: a 4 MiB Platform God tree (bench/gen_tree.py), stop and start commands run with
sh -c, and a health URL served by a local HTTP server (this script's). Prints one line per run and the median in ms."""
import base64
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime

jar, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"


def call(method, path, body=None, user="commander"):
    """As one of the demo's users (password: the name); the approval must come from another than the starter."""
    data = json.dumps(body).encode() if body is not None else None
    basic = "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Authorization": basic})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def until(what, predicate, timeout=120, pause=0.002):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(pause)
    sys.exit(f"timed out waiting for {what}")


def parse(instant):
    return datetime.fromisoformat(instant.replace("Z", "+00:00"))


class Health(http.server.BaseHTTPRequestHandler):
    """Platform God's health endpoint, as spec 6.1 probes it."""

    def do_GET(self):
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def measure(label, extra_args):
    home = os.path.join(work, label.replace(" ", "-"))
    os.makedirs(home, exist_ok=True)
    log = open(os.path.join(home, "service.log"), "w")
    service = subprocess.Popen(["java", "-jar", jar, "--spring.profiles.active=demo", f"--server.port={port}",
                                f"--dr.home={home}/home"] + extra_args, stdout=log, stderr=subprocess.STDOUT)
    try:
        until("the service", lambda: call("GET", "/actuator/health")["status"] == "UP", pause=0.2)
        millis = []
        for i in range(runs):
            run_id = call("POST", "/api/runs", {"runbook": "registry-corruption", "reason": "bench"})["runId"]
            task = until("the approval task", lambda: call("GET", f"/api/tasks?runId={run_id}"), pause=0.02)[0]
            call("GET", f"/api/tasks/{task['taskId']}/form")
            call("POST", f"/api/tasks/{task['taskId']}/complete", {"variables": {"approved": True, "reason": "bench"}}, user="approver")
            start = time.monotonic()
            run = until("the run's end", lambda: (lambda r: r if r["state"] != "ACTIVE" else None)(call("GET", f"/api/runs/{run_id}")))
            millis.append((time.monotonic() - start) * 1000)
            steps = run["completedSteps"]
            after = steps[[s["step"] for s in steps].index("approve-restore") + 1:]
            # the engine's own share: from one step's end to the next one's start
            gaps = [(parse(b["startedAt"]) - parse(a["endedAt"])).total_seconds() * 1000 for a, b in zip(after, after[1:])]
            print(f"  {label} run {i + 1}: {millis[-1]:.0f} ms after approval, {run['state']}/{run['outcome']}; steps (ms): "
                  + ", ".join(f"{s['step']} {s['durationMillis']}" for s in after)
                  + f"; engine between them (ms): {', '.join(f'{g:.0f}' for g in gaps)}")
        print(f"post-approval median, {label}: {statistics.median(millis):.0f} ms")
    finally:
        service.terminate()
        service.wait(timeout=30)


measure("demo registry", [])
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    health_port = s.getsockname()[1]
health = http.server.ThreadingHTTPServer(("127.0.0.1", health_port), Health)
threading.Thread(target=health.serve_forever, daemon=True).start()
target = os.path.join(work, "target-4mib")
subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_tree.py"), target, "4"], check=True)
# the demo profile damages this agent when a registry recovery starts, so the recovery has real work to do
with open(os.path.join(target, "var/registry/agents/code-reviewer.yaml"), "w") as agent:
    agent.write("name: code-reviewer\nmodel: claude\nversion: 1\n")
measure("4 MiB target", [f"--dr.target.root={target}", f"--dr.backup.root={work}/target-backups",
                          "--dr.target.stop-command=echo pgod api stop", "--dr.target.start-command=echo pgod api start",
                          f"--dr.target.health-url=http://127.0.0.1:{health_port}/health/status"])
health.shutdown()
