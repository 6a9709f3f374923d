"""Drives ops/bench-pipeline: creates orders at the sandbox and reads progress from PostgreSQL.

Usage: pipeline_load.py SANDBOX_URL DATABASE_URL SCHEMA ORDERS RATE SECONDS WORKERS CONCURRENCY QUOTA START_WORKERS
The burst's orders are created (webhooks stored and enqueued) before START_WORKERS (a command)
starts the workers, so the burst measures the pipeline draining a backlog, not the sandbox's
webhook sender. The burst's CPU per order is read from the kernel's accounting for each process
kind (BENCH_WEB_PID, BENCH_SANDBOX_PID, BENCH_WORKER_PIDFILE, REDIS_URL's server, the PostgreSQL
postmaster with its backends), from the first webhook to the last order shipped; PostgreSQL
statements per order come from pg_stat_statements when the server preloads it, and round trips
per order from the processes' own counters (the workers' heartbeats, read with `creatorflow
workers --json` one heartbeat after the drain, and the web's /metrics).
"""
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

from proc_cpu import cpu_seconds, postmaster_pid, redis_pid, tree_cpu_seconds
from sandbox_orders import create as sandbox_create, pace, sql as run_sql

sandbox, database, schema = sys.argv[1], sys.argv[2], sys.argv[3]
orders, rate, seconds = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
workers, concurrency, quota, start_workers = sys.argv[7], sys.argv[8], sys.argv[9], sys.argv[10]


def sql(query):
    return run_sql(database, query)


def worker_pids():
    with open(os.environ["BENCH_WORKER_PIDFILE"]) as handle:
        return [int(line) for line in handle if line.strip()]


def cpu_by_kind():
    """CPU seconds so far per process kind (the workers' processes from their pid file)."""
    return {
        "workers": sum(cpu_seconds(pid) for pid in (worker_pids() if os.path.exists(os.environ["BENCH_WORKER_PIDFILE"]) else [])),
        "postgres": tree_cpu_seconds(postmaster),
        "web": cpu_seconds(int(os.environ["BENCH_WEB_PID"])),
        "redis": cpu_seconds(redis),
        "sandbox": cpu_seconds(int(os.environ["BENCH_SANDBOX_PID"])),
    }


def statements():
    """Statements PostgreSQL has run (pg_stat_statements); None when the server does not preload it."""
    try:
        return int(sql("SELECT sum(calls)::bigint FROM pg_stat_statements") or 0)
    except subprocess.CalledProcessError:
        return None


def round_trips():
    """PostgreSQL round trips so far: (web, workers), from the processes' own counters."""
    with urllib.request.urlopen(os.environ["BENCH_WEB_URL"] + "/metrics", timeout=30) as answer:
        web = re.search(r"^creatorflow_web_postgres_round_trips (\S+)$", answer.read().decode(), re.M)
    listed = subprocess.run([os.environ["BENCH_BIN"], "workers", "--json"], capture_output=True, check=True, text=True)
    infos = json.loads(listed.stdout)
    if not web or any("postgres_round_trips" not in info for info in infos):
        return None  # binaries from before the counters
    return (int(float(web.group(1))), sum(info["postgres_round_trips"] for info in infos))


def create(count, sku):
    return sandbox_create(sandbox, count, sku)


def shipped():
    return int(sql(f"SELECT count(*) FROM {schema}.orders WHERE internal_state = 'shipped'"))


def wait_shipped(target, timeout):
    end = time.time() + timeout
    while time.time() < end:
        if shipped() >= target:
            return True
        time.sleep(0.5)
    return False


# 1. burst: a backlog of ORDERS webhooks, then the workers start
postmaster, redis = postmaster_pid(database), redis_pid(os.environ["REDIS_URL"])
try:
    sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public")
    sql("SELECT pg_stat_statements_reset()")
except subprocess.CalledProcessError:
    pass
statements_before = statements()
trips_before = round_trips()
cpu_before = cpu_by_kind()
start = time.time()
for i in range(0, orders, 100):
    create(min(100, orders - i), f"sku-{i // 100 % 20 + 1}")
created = time.time()
subprocess.run(start_workers, shell=True, check=True)
workers_started = time.time()
ok = wait_shipped(orders, 1800)
cpu_after = cpu_by_kind()
statements_after = statements()
time.sleep(2.5)  # one worker heartbeat (worker.heartbeat_s 2), so each worker's count is current
trips_after = round_trips()
last_ship = float(sql(f"SELECT extract(epoch FROM max(shipped_at)) FROM {schema}.orders"))
burst_seconds = last_ship - workers_started

# 2. paced
sql(f"CREATE TABLE {schema}.bench_mark AS SELECT now() AS at")
sent = pace(sandbox, rate, seconds)
paced_ok = wait_shipped(orders + sent, 600)
latency = sql(
    f"""SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms), count(*)
    FROM (SELECT extract(epoch FROM s.bought_at - w.first) * 1000 AS ms
          FROM (SELECT order_id, min(received_at) AS first FROM {schema}.webhook_events GROUP BY order_id) w
          JOIN {schema}.orders o ON o.tiktok_order_id = w.order_id
          JOIN {schema}.shipments s ON s.order_id = o.id AND s.status = 'purchased'
          WHERE w.first >= (SELECT at FROM {schema}.bench_mark)) l""").split("|")

print(f"{'workers':<34}{workers} processes x {concurrency} slots")
print(f"{'TikTok quota':<34}raised to {quota} requests/min per app and per shop (one sandbox shop)")
print(f"{'burst':<34}{orders} orders, all shipped: {'yes' if ok else 'NO'}")
print(f"{'  intake (sandbox -> web)':<34}{created - start:.1f} s = {orders / (created - start):.0f} webhooks/s (the sandbox sends 16 at a time)")
print(f"{'  workers start -> last shipped':<34}{burst_seconds:.1f} s = {orders / burst_seconds:.0f} orders/s classify -> tracking-synced")
cpu_ms = {kind: (cpu_after[kind] - cpu_before[kind]) * 1000 / orders for kind in cpu_after}
print(f"{'  cpu per order (burst)':<34}" + ", ".join(f"{kind} {ms:.2f} ms" for kind, ms in cpu_ms.items()))
if statements_before is not None and statements_after is not None:
    print(f"{'  postgres statements per order':<34}{(statements_after - statements_before) / orders:.1f}")
else:
    print(f"{'  postgres statements per order':<34}n/a (PostgreSQL does not preload pg_stat_statements: ops/services stop; ops/services start)")
if trips_before is not None and trips_after is not None:
    web_trips, worker_trips = (after - before for after, before in zip(trips_after, trips_before))
    print(f"{'  postgres round trips per order':<34}{(web_trips + worker_trips) / orders:.1f} "
          f"(web {web_trips / orders:.1f}, workers {worker_trips / orders:.1f}; the processes' own counters)")
else:
    print(f"{'  postgres round trips per order':<34}n/a (these binaries do not count them)")
print(f"{'paced':<34}{sent} orders in {seconds} s (asked {rate}/s, got {sent / seconds:.0f}/s), all shipped: {'yes' if paced_ok else 'NO'}")
print(f"{'  webhook -> label p50/p99/max':<34}{float(latency[0]):.0f} / {float(latency[1]):.0f} / {float(latency[2]):.0f} ms over {latency[3]} orders")
print(f"fleet cpu per order: {sum(ms for kind, ms in cpu_ms.items() if kind != 'sandbox'):.2f} ms (without the sandbox)")
