"""Orders for the benchmarks, made by the sandbox (ops/bench-pipeline, ops/bench-dashboard).

`create(sandbox, count, sku)` has the sandbox's shop create `count` orders of `sku` (each one's
webhook goes to our web); `pace(sandbox, rate, seconds)` creates `rate` orders per second for
`seconds` (open loop: each tenth of a second it creates what is due by then, so a slow call is
caught up on the next one) and returns how many it created; `sql(database, query)`
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
    total = int(rate * seconds)
    sent, t0 = 0, time.time()
    while sent < total and time.time() - t0 < seconds:
        # Open loop: what is due by the end of this tick, however long the last call took.
        due = min(total, int(rate * (time.time() - t0 + tick)))
        if due > sent:
            n = due - sent
            create(sandbox, n, f"sku-{sent % skus + 1}")
            sent += n
        time.sleep(max(0.0, t0 + sent / rate - time.time()))
    return sent
