#!/usr/bin/env python3
"""Open-loop load generator for ops/bench webhook: sends signed TikTok Shop webhooks at a fixed
rate over keep-alive loopback connections and reports acknowledgement latency measured from each
request's scheduled send time (so a stall cannot hide queued requests).

Usage: webhook_load.py PORT RATE SECONDS CONNECTIONS APP_KEY APP_SECRET [TYPE]
TYPE is the webhook type number (default 1, ORDER_STATUS_CHANGE: stored and a classify job
enqueued); ops/bench dashboard sends 4 (PACKAGE_UPDATE: stored, no job) so that the workers of
the fleet it measures do not get 1,000 unknown orders a second."""
import hashlib, hmac, http.client, json, sys, threading, time, uuid

def main():
    port, rate, seconds, threads = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    app_key, app_secret = sys.argv[5], sys.argv[6].encode()
    kind = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    total = int(rate * seconds)
    latencies, statuses, lock = [], {}, threading.Lock()
    start = time.monotonic() + 0.5

    def worker(index):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        local_lat, local_status = [], {}
        for n in range(index, total, threads):
            due = start + n / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            body = json.dumps({"type": kind, "tts_notification_id": f"bench-{uuid.uuid4()}", "shop_id": "7494726673780148744",
                               "timestamp": int(time.time()), "data": {"order_id": f"9{n:017d}", "order_status": "AWAITING_SHIPMENT",
                                                                       "update_time": 1_700_000_000 + n}}, separators=(",", ":")).encode()
            sign = hmac.new(app_secret, app_key.encode() + body, hashlib.sha256).hexdigest()
            try:
                conn.request("POST", "/webhooks/tiktok", body, {"Authorization": sign, "Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except Exception:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                status = 0
            local_lat.append(time.monotonic() - due)
            local_status[status] = local_status.get(status, 0) + 1
        with lock:
            latencies.extend(local_lat)
            for k, v in local_status.items():
                statuses[k] = statuses.get(k, 0) + v

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool: t.start()
    for t in pool: t.join()
    elapsed = time.monotonic() - start
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    ok = sum(v for k, v in statuses.items() if 200 <= k < 300)
    print(json.dumps({"sent": total, "ok": ok, "statuses": statuses, "seconds": elapsed, "rate": total / elapsed,
                      "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": latencies[-1] * 1000}))

main()
