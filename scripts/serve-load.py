#!/usr/bin/env python3
"""Load on loopback for `partner-match serve` (BENCHMARKS.md, "serve"): N clients re-optimise the
served scenario for S seconds, each request a POST /api/optimize; prints the count, errors, p50/p95/p99
latency and the server's peak resident memory (VmHWM). Loopback only, bounded in time and count.

With --distinct every request asks a budget one unit above the last one asked (budget + 1, + 2, …),
so no two requests are the same and none is answered from the server's answer cache: every answer is
computed. Without it every client asks the served scenario itself, as a workbench page does again and
again (the server computes it once and then gives the kept answer).

Usage: serve-load.py --binary PATH --vendors CSV --scenario TOML [--clients 32] [--seconds 20] [--distinct]
"""
import argparse, http.client, json, re, signal, statistics, subprocess, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("--binary", required=True)
parser.add_argument("--vendors", required=True)
parser.add_argument("--scenario", required=True)
parser.add_argument("--clients", type=int, default=32)
parser.add_argument("--seconds", type=float, default=20)
parser.add_argument("--max-requests", type=int, default=200_000)
parser.add_argument("--distinct", action="store_true", help="every request a different budget (no answer kept)")
args = parser.parse_args()

server = subprocess.Popen([args.binary, "serve", args.vendors, "--scenario", args.scenario, "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = server.stdout.readline().strip()
port, token = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)", url).groups()
headers = {"X-Partner-Match-Token": token, "Content-Type": "application/json", "Host": f"127.0.0.1:{port}"}
conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=120)
conn.request("GET", "/api/start", headers=headers)
scenario = json.loads(conn.getresponse().read())["scenario"]
body = json.dumps({"scenario": scenario, "options": {}}).encode()
asked = [0]

def next_body():
    if not args.distinct:
        return body
    with lock:
        asked[0] += 1
        k = asked[0]
    changed = json.loads(json.dumps(scenario))
    changed.setdefault("budget", {})
    changed["budget"]["total"] = changed["budget"].get("total", 1_000_000) + k
    return json.dumps({"scenario": changed, "options": {}}).encode()

lock = threading.Lock()
latencies, errors, statuses = [], [], {}
stop_at = time.time() + args.seconds

def client():
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=120)
    while time.time() < stop_at:
        with lock:
            if len(latencies) + len(errors) >= args.max_requests:
                return
        payload = next_body()
        start = time.perf_counter()
        try:
            c.request("POST", "/api/optimize", body=payload, headers=headers)
            r = c.getresponse()
            data = r.read()
            elapsed = time.perf_counter() - start
            with lock:
                statuses[r.status] = statuses.get(r.status, 0) + 1
                if r.status == 200 and b'"status"' in data:
                    latencies.append(elapsed)
                else:
                    errors.append(r.status)
        except Exception as e:  # a dropped connection counts as an error
            with lock:
                errors.append(str(e))
            c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=120)

threads = [threading.Thread(target=client) for _ in range(args.clients)]
began = time.time()
for t in threads: t.start()
for t in threads: t.join()
wall = time.time() - began
with open(f"/proc/{server.pid}/status") as f:
    peak = re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)
server.send_signal(signal.SIGINT)
code = server.wait(timeout=30)
q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
print(f"clients {args.clients}, {wall:.1f} s: {len(latencies)} answers ({len(latencies) / wall:.1f}/s), {len(errors)} errors, statuses {statuses}")
print(f"latency p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
print(f"server peak resident memory (VmHWM) {int(peak) / 1024:.0f} MiB; exit {code} after SIGINT")
