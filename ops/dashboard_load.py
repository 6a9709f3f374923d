"""Drives ops/bench-dashboard: dashboard clients connected while orders flow; optionally webhook
intake at a fixed rate against the same web process.

Usage: dashboard_load.py SANDBOX_URL DATABASE_URL SCHEMA CLIENTS RATE SECONDS LOAD_BIN WS_URL START_WORKERS
Environment: CF_DASHBOARD_TOKEN (operator token), BENCH_WEB_PID, BENCH_SANDBOX_PID,
BENCH_WORKER_PIDFILE, REDIS_URL, BENCH_WEB_PORT, TIKTOK_APP_KEY/SECRET; BENCH_WEBHOOK_RATE
(0 = no intake phase), BENCH_WEBHOOK_SECONDS, BENCH_WEBHOOK_DELAY, BENCH_WEBHOOK_TYPE,
BENCH_CONNECTIONS; BENCH_LOAD_FLAGS (extra dashboard-load flags, e.g. --codable);
BENCH_KEEP_LATENCIES (a file for each delivery's arrival and latency from its commit and from its frame's `sent`).

1. A trigger of the bench's own on `orders` (the same conditions as the dashboard's event
   trigger, migration 13) records every order change PostgreSQL commits: what each client must see.
2. The workers start; LOAD_BIN (dashboard-load) opens CLIENTS sockets and says `ready` once every
   client has its snapshot.
3. RATE orders/s for SECONDS through the sandbox (each order: webhooks, the workers' jobs, ~6
   order events). With BENCH_WEBHOOK_RATE, ops/webhook_load.py sends that many signed webhooks/s
   to the same web process from BENCH_WEBHOOK_DELAY s into the orders, for BENCH_WEBHOOK_SECONDS.
4. Once every order is shipped and the order changes stop, the clients close and report: latency
   from each change's commit (PostgreSQL's commit timestamp of the event's `txid`) and from the
   change itself (its `at`, before the commit) to its frame's arrival, sequence gaps, resyncs, order events and orders
   seen shipped per client against the database's counts. CPU per process kind over the paced
   window from the kernel's accounting.
"""
import json
import os
import subprocess
import sys
import threading
import time

from proc_cpu import cpu_seconds, postmaster_pid, redis_pid, tree_cpu_seconds
from sandbox_orders import pace, sql as run_sql

sandbox, database, schema = sys.argv[1], sys.argv[2], sys.argv[3]
clients, rate, seconds = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
load_bin, ws_url, start_workers = sys.argv[7], sys.argv[8], sys.argv[9]
here = os.path.dirname(os.path.abspath(__file__))
web_pid, sandbox_pid = int(os.environ["BENCH_WEB_PID"]), int(os.environ["BENCH_SANDBOX_PID"])
hook_rate = int(os.environ.get("BENCH_WEBHOOK_RATE", "0") or 0)
hook_delay = float(os.environ.get("BENCH_WEBHOOK_DELAY", "5"))
hook_seconds = float(os.environ.get("BENCH_WEBHOOK_SECONDS", str(max(5, min(20, seconds - hook_delay - 5)))))
hook_type = int(os.environ.get("BENCH_WEBHOOK_TYPE", "4"))
hook_connections = int(os.environ.get("BENCH_CONNECTIONS", "32"))


def sql(query):
    return run_sql(database, query)


def worker_pids():
    path = os.environ["BENCH_WORKER_PIDFILE"]
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [int(line) for line in handle if line.strip()]


def machine_busy():
    """(busy, total) jiffies of every CPU since boot (/proc/stat)."""
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def loadavg():
    with open("/proc/loadavg") as handle:
        return handle.read().split()[:3]


# 1. what the database commits, counted by a trigger of our own
sql(f"""CREATE TABLE {schema}.bench_order_changes (order_id bigint NOT NULL, state text NOT NULL);
CREATE FUNCTION {schema}.bench_order_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO {schema}.bench_order_changes VALUES (NEW.id, NEW.internal_state); RETURN NULL; END $$;
CREATE TRIGGER orders_bench_insert AFTER INSERT ON {schema}.orders FOR EACH ROW EXECUTE FUNCTION {schema}.bench_order_change();
CREATE TRIGGER orders_bench_update AFTER UPDATE ON {schema}.orders FOR EACH ROW
  WHEN (OLD.internal_state IS DISTINCT FROM NEW.internal_state OR OLD.priority_score IS DISTINCT FROM NEW.priority_score)
  EXECUTE FUNCTION {schema}.bench_order_change();""")

# 2. workers, then the clients
subprocess.run(start_workers, shell=True, check=True)
postmaster, redis = postmaster_pid(database), redis_pid(os.environ["REDIS_URL"])
arrivals_path = os.path.join(os.environ.get("BENCH_DATA_DIR", "/tmp"), f"dashboard-arrivals-{os.getpid()}.txt")
# BENCH_LOAD_NICE=N runs the load client (the 200 browsers' stand-in) at `nice N` (below 0 needs root).
client = subprocess.Popen(["nice", "-n", os.environ.get("BENCH_LOAD_NICE", "0"), load_bin, "--url", ws_url,
                           "--clients", str(clients), "--arrivals", arrivals_path]
                          + os.environ.get("BENCH_LOAD_FLAGS", "").split(), stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True)
ready = client.stdout.readline().split()
if not ready or ready[0] != "ready":
    sys.exit(f"dashboard-load did not start: {ready}")
connected, connect_seconds = int(ready[1]), float(ready[2])
time.sleep(1)

hook = {}


def cpu_by_kind():
    kinds = {
        "web": cpu_seconds(web_pid),
        "workers": sum(cpu_seconds(pid) for pid in worker_pids()),
        "postgres": tree_cpu_seconds(postmaster),
        "redis": cpu_seconds(redis),
        "sandbox": cpu_seconds(sandbox_pid),
        "dashboard-load": cpu_seconds(client.pid),
    }
    return kinds


def intake():
    time.sleep(hook_delay)
    hook["process"] = subprocess.Popen(
        ["python3", os.path.join(here, "webhook_load.py"), os.environ["BENCH_WEB_PORT"], str(hook_rate), str(hook_seconds),
         str(hook_connections), os.environ["TIKTOK_APP_KEY"], os.environ["TIKTOK_APP_SECRET"], str(hook_type)],
        stdout=subprocess.PIPE, text=True)
    hook["cpu_before"] = cpu_seconds(web_pid)
    hook["started"] = time.time()
    out, _ = hook["process"].communicate()
    hook["ended"] = time.time()
    hook["cpu_after"] = cpu_seconds(web_pid)
    hook["result"] = json.loads(out)


# 3. orders at RATE for SECONDS (and the intake beside them)
load_before = loadavg()
busy_before = machine_busy()
cpu_before = cpu_by_kind()
thread = threading.Thread(target=intake) if hook_rate > 0 else None
if thread:
    thread.start()
t0 = time.time()
if rate > 0:
    sent = pace(sandbox, rate, seconds)
else:  # RATE 0: the clients sit connected (pings, queues.stats) while the intake runs
    time.sleep(seconds)
    sent = 0
paced = time.time() - t0
cpu_after = cpu_by_kind()
busy_after = machine_busy()
load_after = loadavg()
if thread:
    thread.join()

# 4. every order shipped, the changes settled, then the clients report
deadline = time.time() + 600
while time.time() < deadline and int(sql(f"SELECT count(*) FROM {schema}.orders WHERE internal_state = 'shipped'")) < sent:
    time.sleep(0.5)
last, stable_since = None, time.time()
while time.time() - stable_since < 3 and time.time() < deadline:
    now = sql(f"SELECT count(*) FROM {schema}.bench_order_changes")
    if now != last:
        last, stable_since = now, time.time()
    time.sleep(0.5)
time.sleep(2)
client.stdin.close()
summary = json.loads(client.stdout.readline())
client.wait()
changes = int(sql(f"SELECT count(*) FROM {schema}.bench_order_changes"))
shipped = int(sql(f"SELECT count(DISTINCT order_id) FROM {schema}.bench_order_changes WHERE state = 'shipped'"))
orders = int(sql(f"SELECT count(*) FROM {schema}.orders"))


def commit_latencies(path):
    """Every order event delivery's times, in ms, each list sorted: from its transaction's commit
    (PostgreSQL's commit timestamp, track_commit_timestamp) to its frame's arrival; from the commit
    to the server writing the frame (the frame's `sent`); from `sent` to the arrival. None without
    commit timestamps."""
    deliveries = []
    with open(path) as handle:
        for line in handle:
            txid, arrived, sent = line.split()
            deliveries.append((int(txid), float(arrived), float(sent)))
    os.unlink(path)
    txids = sorted({d[0] for d in deliveries})
    if not txids:
        return None
    query = ("SELECT t, extract(epoch FROM pg_xact_commit_timestamp(xid(t::text::xid8))) * 1000 "
             "FROM unnest('{" + ",".join(map(str, txids)) + "}'::bigint[]) t")
    out = subprocess.run(["psql", database, "-tA", "-F", " ", "-f", "-"], input=query, check=True,
                         capture_output=True, text=True).stdout
    committed = {}
    for line in out.splitlines():
        txid, at = line.split(" ") if " " in line else (line, "")
        if at:
            committed[int(txid)] = float(at)
    if not committed:
        return None
    known = [(arrived, committed[t], sent) for t, arrived, sent in deliveries if t in committed]
    keep = os.environ.get("BENCH_KEEP_LATENCIES")
    if keep:  # one line per delivery: arrival (epoch ms), latency from the commit, from `sent` (ms)
        with open(keep, "w") as handle:
            handle.writelines(f"{a:.3f} {a - c:.3f} {a - s:.3f}\n" for a, c, s in known)
    return {
        "total": sorted(a - c for a, c, _ in known),
        "server": sorted(s - c for _, c, s in known),
        "client": sorted(a - s for a, _, s in known),
    }


from_commit = commit_latencies(arrivals_path) if os.path.exists(arrivals_path) else None

# the table
cores = os.cpu_count()
window = paced
used = {kind: (cpu_after[kind] - cpu_before.get(kind, 0.0)) / window for kind in cpu_after}
busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1])
oe, fo, missed, resyncs = summary["orderEvents"], summary["finalOrders"], summary["missed"], summary["resyncs"]
short = sum(1 for n in oe if n < changes)
extra = sum(1 for n in oe if n > changes)
not_final = sum(1 for n in fo if n < shipped)
row = lambda label, text: print(f"{label:<44}{text}")
row("clients", f"{clients} operator sockets, {connected} with a snapshot in {connect_seconds:.1f} s")
row("orders", f"asked {rate}/s for {seconds} s: {sent} created ({sent / paced:.0f}/s), {orders} in PostgreSQL, "
              f"{shipped} shipped")
row("order changes committed (trigger)", f"{changes} ({changes / max(1, orders):.1f} per order)")
if from_commit:
    def spread(values):
        pct = lambda p: values[min(len(values) - 1, int(p * len(values)))]
        return f"{pct(0.5):.1f} / {pct(0.99):.1f} / {pct(0.999):.1f} / {values[-1]:.1f} ms"
    total = from_commit["total"]
    p99 = total[min(len(total) - 1, int(0.99 * len(total)))]
    row("commit -> client p50 / p99 / p99.9 / max",
        f"{spread(total)} over {len(total)} deliveries   (target p99 <= 100 ms: {'met' if p99 <= 100 else 'NOT met'})")
    row("  commit -> frame written (web)", spread(from_commit["server"]) + "   (the frame's `sent`, ms resolution)")
    row("  frame written -> client", spread(from_commit["client"]) + "   (the socket and the load client)")
elif rate == 0:
    row("commit -> client", "no orders (RATE 0): nothing to time")
else:
    row("commit -> client", "no commit timestamps (PostgreSQL needs track_commit_timestamp: `ops/services stop pg && ops/services start`)")
row("change -> client p50 / p99 / p99.9 / max",
    f"{summary['p50Ms']:.1f} / {summary['p99Ms']:.1f} / {summary['p999Ms']:.1f} / {summary['maxMs']:.1f} ms over "
    f"{summary['latencySamples']} deliveries (from the row change, before its commit)")
row("missed messages per client (seq gaps)", f"max {max(missed, default=0)}, total {sum(missed)}, "
    f"{sum(1 for m in missed if m)} clients with gaps   -> {'OK' if not any(missed) else 'GAPS'}")
row("resyncs (server snapshots after the first)", f"total {sum(resyncs)}, {sum(1 for r in resyncs if r)} clients")
row("order events per client vs committed", f"min {min(oe, default=0)} / max {max(oe, default=0)} vs {changes}: "
    f"{clients - short - extra} complete, {short} short, {extra} over   -> {'OK' if short == extra == 0 else 'INCOMPLETE'}")
row("orders seen shipped per client", f"min {min(fo, default=0)} / max {max(fo, default=0)} vs {shipped}: "
    f"{not_final} clients short   -> {'OK' if not_final == 0 else 'INCOMPLETE'}")
frames = summary["eventFrames"]
row("events per client (all types)", f"min {min(summary['events'], default=0)} / max {max(summary['events'], default=0)} "
    f"in {min(frames, default=0)}-{max(frames, default=0)} frames (~{sum(frames) / max(1, clients) / paced:.0f} frames/s per client); "
    f"{sum(summary['backwards'])} frames numbered backwards, {summary['undecodable']} undecodable")
row("connections ended", ", ".join(f"{k}: {v}" for k, v in summary["endings"].items()))
row("cpu during the orders (cores)", ", ".join(f"{k} {v:.2f}" for k, v in used.items()))
row("web cpu share", f"{used['web']:.2f} cores = {100 * used['web'] / cores:.0f} % of the {cores} cores; machine "
    f"{100 * busy:.0f} % busy, web {100 * used['web'] / max(1e-9, busy * cores):.0f} % of all CPU used")
row("load average (1/5/15 min)", f"before {' '.join(load_before)}, after {' '.join(load_after)}")
if thread:
    r = hook["result"]
    events = int(sql(f"SELECT count(*) FROM {schema}.webhook_events WHERE type = {hook_type} AND notification_id LIKE 'bench-%'"))
    span = hook["ended"] - hook["started"]
    row("intake beside the clients", f"{hook_rate} webhooks/s (type {hook_type}) for {hook_seconds:.0f} s, "
        f"{hook_connections} keep-alive connections, from +{hook_delay:.0f} s into the orders, same web process")
    row("  sent / 2xx / stored", f"{r['sent']} / {r['ok']} / {events}   statuses {r['statuses']}   -> "
        f"{'OK' if r['ok'] == events == r['sent'] else 'MISMATCH'}")
    row("  ack latency p50 / p99 / max", f"{r['p50_ms']:.2f} / {r['p99_ms']:.2f} / {r['max_ms']:.2f} ms at {r['rate']:.0f}/s   "
        f"(target p99 <= 10 ms: {'met' if r['p99_ms'] <= 10 else 'NOT met'})")
    row("  web cpu while it ran", f"{(hook['cpu_after'] - hook['cpu_before']) / span:.2f} cores")
