"""Orders for the benchmarks, made by the sandbox (ops/bench-pipeline, ops/bench-dashboard).

`create(sandbox, count, sku)` has the sandbox's shop create `count` orders of `sku` (each one's
webhook goes to our web); `pace(sandbox, rate, seconds)` creates `rate` orders per second for
`seconds` (tenths of a second, open loop) and returns how many it created; `sql(database, query)`
runs one statement through psql.
"""
import json
import subprocess
import time
import urllib.request


def sql(database, query):
    out = subprocess.run(["psql", database, "-tAc", query], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def create(sandbox, count, sku):
    body = json.dumps({"count": count, "sku_id": sku}).encode()
    request = urllib.request.Request(sandbox + "/_sim/orders", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["ids"]


def pace(sandbox, rate, seconds, skus=20):
    tick = 0.1
    per_tick = rate * tick
    due, sent, t0 = 0.0, 0, time.time()
    while time.time() - t0 < seconds:
        due += per_tick
        n = int(due) - sent
        if n > 0:
            create(sandbox, n, f"sku-{sent % skus + 1}")
            sent += n
        time.sleep(max(0.0, t0 + (sent / rate) - time.time()))
    return sent
