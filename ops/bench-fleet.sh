# ops/bench-fleet.sh — the fleet a benchmark runs against (sourced by ops/bench-pipeline and
# ops/bench-dashboard, not run): services, release binaries, a fresh schema and Redis prefix, the
# sandbox (answering instantly, its shop's webhooks going to our web), `creatorflow web`, one
# connected sandbox shop, 20 SKUs with plenty of stock, the TikTok quota raised so the quota is
# not what is measured. Workers are not started: `$start_workers` (a shell command) starts
# $workers of them, appending their pids to $pidfile. Everything is stopped and the schema and
# keys removed on exit.
#
# Set before sourcing: bench_tag (names the schema, prefix, logs and pid file), web_port,
# sandbox_port, quota. Any environment the web needs (CF_DASHBOARD_SECRET) is exported before
# sourcing too. WORKERS: how many worker processes `$start_workers` starts; default one per two
# cores (on the 2-core bench host one process's slots keep both cores busy, and more processes add
# slot threads and PostgreSQL backends that compete with the web and the clients; README,
# "Dashboard benchmark"). Defines: bin_dir, bin, schema, prefix, pids (sandbox, web), pidfile,
# start_workers, concurrency; exports DATABASE_URL, REDIS_URL, CF_* and BENCH_SANDBOX_PID,
# BENCH_WEB_PID, BENCH_WORKER_PIDFILE, BENCH_BIN (the creatorflow binary), BENCH_WEB_URL.
# shellcheck shell=bash

"$root/ops/setup"
eval "$("$root/ops/services" start)"
export REDIS_URL DATABASE_URL
bin_dir="${BENCH_BIN_DIR:-$("$root/ops/build")}"  # BENCH_BIN_DIR: saved binaries, for before/after runs
bin="$bin_dir/creatorflow"
mkdir -p "$root/.data"
export PGOPTIONS="-c client_min_messages=warning"

schema="bench_${bench_tag}_$(date +%s%N)"
prefix="bench-${bench_tag}-$(date +%s%N)"
psql "$DATABASE_URL" -qc "CREATE SCHEMA $schema" >/dev/null
export CF_DATABASE_SCHEMA="$schema" CF_REDIS_PREFIX="$prefix"
export TIKTOK_APP_KEY="bench-$bench_tag-key" TIKTOK_APP_SECRET="bench-$bench_tag-secret"
export CF_SANDBOX_URL="http://127.0.0.1:$sandbox_port"
export CF_TOKEN_KEY="${CF_TOKEN_KEY:-$(head -c 32 /dev/urandom | base64)}"
export CF_RATE_LIMITS_TIKTOK_PER_APP_PER_MINUTE="$quota" CF_RATE_LIMITS_TIKTOK_PER_SHOP_PER_MINUTE="$quota"
"$bin" migrate >/dev/null 2>&1
# BENCH_BATCH_NICE=N starts the workers and the sandbox with `nice -n N` (default 0): the queue's
# batch work and the stand-in for TikTok and the carriers then yield the cores to the web process
# (intake, dashboard sockets) and the load clients, as separate hosts would. BENCH_WEB_NICE=N
# (default 0; below 0 needs root) runs the web process at that priority.
# BENCH_DASHBOARD_EVENTS=off: the dashboard's event triggers (migrations 13, 14) disabled in the bench's
# schema, to measure what they cost.
if [[ "${BENCH_DASHBOARD_EVENTS:-on}" == off ]]; then
  for t in orders alerts inventory purchase_orders health_checks; do
    psql "$DATABASE_URL" -qc "ALTER TABLE $schema.$t DISABLE TRIGGER USER" >/dev/null
  done
fi

pidfile="$root/.data/bench-$bench_tag.pids"
rm -f "$pidfile"
pids=()
bench_fleet_cleanup() {
  [[ -f "$pidfile" ]] && pids+=($(cat "$pidfile"))
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  # The workers were started by the load scripts, not this shell, so `wait` does not wait for them:
  # poll until they are gone (their drain deadline is 25 s) before their schema is dropped.
  for _ in $(seq 300); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.1
  done
  psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  local redis_port="${REDIS_URL##*:}"; redis_port="${redis_port%%/*}"
  for key in $(redis-cli -p "$redis_port" --scan --pattern "*$prefix*"); do redis-cli -p "$redis_port" DEL "$key" >/dev/null; done
}
trap bench_fleet_cleanup EXIT

batch_nice="${BENCH_BATCH_NICE:-0}"
workers="${WORKERS:-$(( $(nproc) > 1 ? $(nproc) / 2 : 1 ))}"
nice -n "$batch_nice" "$bin_dir/creatorflow-sandbox" --port "$sandbox_port" --app-key "$TIKTOK_APP_KEY" --app-secret "$TIKTOK_APP_SECRET" \
  --webhook-url "http://127.0.0.1:$web_port/webhooks/tiktok" 2>>"$root/.data/bench-sandbox.log" &
pids+=($!)
nice -n "${BENCH_WEB_NICE:-0}" "$bin" web --port "$web_port" 2>>"$root/.data/bench-web.log" &
pids+=($!)
for _ in $(seq 100); do
  curl -sf --max-time 10 "http://127.0.0.1:$web_port/healthz" >/dev/null && curl -sf --max-time 10 "$CF_SANDBOX_URL/_sim/faults" >/dev/null && break
  sleep 0.1
done
code=$(curl -sf --max-time 10 -X POST "$CF_SANDBOX_URL/_sim/auth/codes" | jq -r .auth_code)
"$bin" shops connect --auth-code "$code" >/dev/null
psql "$DATABASE_URL" -qc "SET search_path TO $schema; INSERT INTO $schema.inventory (sku_id, on_hand, unit_cost_minor, product_id, warehouse_id)
  SELECT 'sku-' || i, 1000000, 500, 'product-sku-' || i, NULL FROM generate_series(1, 20) i" >/dev/null
concurrency="${CF_WORKER_CONCURRENCY:-$(awk '/^  concurrency:/ {print $2}' config/creatorflow.yaml)}"
start_workers="for i in \$(seq $workers); do nice -n $batch_nice '$bin' worker 2>>'$root/.data/bench-worker.log' & echo \$! >>'$pidfile'; done"
export BENCH_SANDBOX_PID="${pids[0]}" BENCH_WEB_PID="${pids[1]}" BENCH_WORKER_PIDFILE="$pidfile"
export BENCH_BIN="$bin" BENCH_WEB_URL="http://127.0.0.1:$web_port"
