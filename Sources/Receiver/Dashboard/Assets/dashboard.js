// CreatorFlow dashboard client: one WebSocket to /ws. It starts from the snapshot the server sends,
// applies numbered events in order, asks for a resync on any gap, answers pings, and reconnects
// (then resynchronises) whenever the socket drops. Plain JavaScript, no dependencies.
"use strict";
(function () {
  const page = document.body.dataset.page;
  const orderId = document.body.dataset.orderId;
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const $ = (id) => document.getElementById(id);
  const state = { seq: 0, counts: { by_state: {}, by_band: {}, total: 0 }, orders: [], alerts: new Map(),
                  rates: [], latencies: [], socket: null, retry: 0, lastMessageAt: 0, events: 0 };
  window.cfDashboard = state;

  function formatValue(value, el) {
    if (value === null || value === undefined) return "";
    if (el && el.hasAttribute("data-time") && typeof value === "string") {
      const date = new Date(value);
      if (isNaN(date)) return value;
      return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
    }
    if (el && el.dataset.f === "duration_ms" && value !== "" && !isNaN(Number(value))) return String(Math.round(Number(value)));
    if (typeof value === "boolean") return value ? "yes" : "";
    if (Array.isArray(value)) {
      return value.map((p) => `${p.quantity} ${p.status}${p.expected_at ? " ETA " + new Date(p.expected_at).toLocaleString() : ""}`).join("; ");
    }
    return String(value);
  }

  function fill(el, object) {
    el.querySelectorAll("[data-f]").forEach((node) => {
      const key = node.dataset.f;
      if (key === "viral") { node.textContent = object.viral ? "VIRAL" : ""; return; }
      node.textContent = formatValue(object[key], node);
    });
    el.querySelectorAll("a[data-link]").forEach((a) => { a.href = "/dashboard/orders/" + object[a.dataset.link]; });
    return el;
  }

  function row(templateId, object) {
    const template = $(templateId);
    const el = template.content.firstElementChild.cloneNode(true);
    return fill(el, object);
  }

  function flash(el) { el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash"); }

  // --- orders ---------------------------------------------------------------------------------
  function renderCounts() {
    const chips = (container, counts, attr) => {
      if (!container) return;
      container.textContent = "";
      Object.keys(counts).sort().forEach((name) => {
        if (!counts[name]) return;
        const chip = document.createElement("span");
        chip.className = "chip " + attr + "-" + name;
        chip.dataset[attr] = name;
        chip.append(name + " ");
        const b = document.createElement("b"); b.textContent = counts[name]; chip.append(b);
        container.append(chip);
      });
    };
    chips($("state-counts"), state.counts.by_state, "state");
    chips($("band-counts"), state.counts.by_band, "band");
    if ($("orders-total")) $("orders-total").textContent = state.counts.total;
  }

  function renderOrders() {
    const body = $("orders-rows"); if (!body) return;
    body.textContent = "";
    state.orders.forEach((order) => {
      const tr = row("tpl-order", order); tr.dataset.id = order.id; tr.className = "state-" + order.state; body.append(tr);
    });
  }

  function applyOrder(event) {
    const order = event.order;
    const by = state.counts.by_state, band = state.counts.by_band;
    if (event.type === "order.created") {
      by[order.state] = (by[order.state] || 0) + 1;
      const b = order.priority || "UNSCORED"; band[b] = (band[b] || 0) + 1;
      state.counts.total += 1;
    } else {
      if (order.previous_state && order.previous_state !== order.state) {
        by[order.previous_state] = Math.max((by[order.previous_state] || 0) - 1, 0);
        by[order.state] = (by[order.state] || 0) + 1;
      }
      const before = order.previous_priority || "UNSCORED", after = order.priority || "UNSCORED";
      if (before !== after) { band[before] = Math.max((band[before] || 0) - 1, 0); band[after] = (band[after] || 0) + 1; }
    }
    renderCounts();
    const index = state.orders.findIndex((o) => o.id === order.id);
    if (index >= 0) {
      if ((state.orders[index].version || 0) > (order.version || 0)) return;
      state.orders[index] = order;
    } else if (state.orders.length === 0 || order.id > state.orders[state.orders.length - 1].id || state.orders.length < 50) {
      state.orders.push(order);
      state.orders.sort((a, b) => b.id - a.id);
      state.orders.length = Math.min(state.orders.length, 50);
    }
    const body = $("orders-rows");
    if (body) {
      const existing = body.querySelector(`tr[data-id="${order.id}"]`);
      if (existing) { fill(existing, order); existing.className = "state-" + order.state; flash(existing); }
      else if (state.orders.some((o) => o.id === order.id)) { renderOrders(); const tr = body.querySelector(`tr[data-id="${order.id}"]`); if (tr) flash(tr); }
    }
    if (page === "order" && String(order.id) === orderId) refreshOrderPage();
  }

  // --- stock ----------------------------------------------------------------------------------
  function renderStock(rows) {
    const body = $("stock-rows"); if (!body) return;
    body.textContent = "";
    rows.forEach((stock) => { const tr = row("tpl-stock", stock); tr.dataset.id = stock.sku; if (stock.viral) tr.classList.add("viral"); body.append(tr); });
  }

  function applyStock(stock) {
    const tr = $("stock-rows") && $("stock-rows").querySelector(`tr[data-id="${CSS.escape(stock.sku)}"]`);
    if (!tr) return;
    ["on_hand", "reserved", "available"].forEach((key) => { const td = tr.querySelector(`[data-f="${key}"]`); if (td) td.textContent = stock[key]; });
    flash(tr);
  }

  // --- alerts ---------------------------------------------------------------------------------
  function renderAlerts() {
    const list = $("alerts-rows"); if (!list) return;
    list.textContent = "";
    const alerts = Array.from(state.alerts.values()).sort((a, b) =>
      (a.state === "open") !== (b.state === "open") ? (a.state === "open" ? -1 : 1)
        : String(b.resolved_at || b.opened_at).localeCompare(String(a.resolved_at || a.opened_at)));
    alerts.forEach((alert) => { const li = row("tpl-alert", alert); li.dataset.id = alert.id; li.className = `alert ${alert.severity} ${alert.state}`; list.append(li); });
    $("alerts-open").textContent = alerts.filter((a) => a.state === "open").length;
  }

  function applyAlert(alert) {
    state.alerts.set(alert.id, alert);
    renderAlerts();
    const li = $("alerts-rows") && $("alerts-rows").querySelector(`li[data-id="${alert.id}"]`);
    if (li) flash(li);
  }

  // --- health ---------------------------------------------------------------------------------
  function renderHealth(checks) {
    const body = $("health-rows");
    const overall = checks.find((c) => c.subsystem === "overall");
    if (overall) {
      const badge = $("health-badge");
      if (badge) { badge.textContent = overall.status; badge.className = "badge " + overall.status; }
      if ($("health-score")) $("health-score").textContent = overall.score;
    }
    if (!body) return;
    body.textContent = "";
    checks.filter((c) => c.subsystem !== "overall").forEach((check) => {
      const tr = row("tpl-health", check); tr.className = "health " + check.status; body.append(tr);
    });
  }

  // --- fleet ----------------------------------------------------------------------------------
  function chart(id, values) {
    const svg = $(id); if (!svg) return;
    const max = Math.max(1, ...values);
    const step = 240 / Math.max(values.length - 1, 1);
    svg.querySelector("polyline").setAttribute("points",
      values.map((v, i) => `${(i * step).toFixed(1)},${(58 - (v / max) * 56).toFixed(1)}`).join(" "));
  }

  function renderFleet(stats) {
    if (!stats || !$("fleet")) return;
    $("fleet-workers").textContent = stats.workers; $("fleet-busy").textContent = stats.busy; $("fleet-slots").textContent = stats.slots;
    const queues = $("queue-rows"); queues.textContent = "";
    stats.queues.forEach((q) => queues.append(row("tpl-queue", Object.assign({}, q, { latency_s: q.latency_s.toFixed(2), paused: q.paused ? "paused" : "" }))));
    const dead = $("dead-rows"); dead.textContent = "";
    stats.dead_groups.forEach((group) => {
      const tr = row("tpl-dead", group);
      tr.querySelector("[data-f=fingerprint]").title = group.example;
      tr.querySelectorAll("button").forEach((button) => button.addEventListener("click", () => deadLetters(button.dataset.action, group, button)));
      dead.append(tr);
    });
    const kinds = $("kind-rates"); kinds.textContent = "";
    Object.keys(stats.rates).sort().forEach((kind) => {
      const chip = document.createElement("span"); chip.className = "chip";
      chip.textContent = `${kind} ${stats.rates[kind].toFixed(1)}/s`; kinds.append(chip);
    });
    state.rates.push(stats.processed_per_s); state.latencies.push(stats.latency_s);
    if (state.rates.length > 120) { state.rates.shift(); state.latencies.shift(); }
    $("rate-now").textContent = stats.processed_per_s.toFixed(1); $("latency-now").textContent = stats.latency_s.toFixed(2);
    chart("chart-rate", state.rates); chart("chart-latency", state.latencies);
  }

  async function deadLetters(action, group, button) {
    if (action === "delete" && !confirm(`Delete ${group.count} dead ${group.kind} jobs?`)) return;
    button.disabled = true;
    const response = await fetch(`/dashboard/api/dead-letters/${action}`, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ queue: group.queue, ids: group.ids }),
    });
    const answer = await response.json().catch(() => ({}));
    button.textContent = response.ok ? `${action === "retry" ? "retried" : "deleted"} ${answer.moved}` : (answer.error || "failed");
  }

  // --- order page -----------------------------------------------------------------------------
  let refreshing = null;
  function refreshOrderPage() {
    if (refreshing) return;
    refreshing = fetch(`/dashboard/api/orders/${orderId}`, { credentials: "same-origin" }).then((r) => r.json()).then((data) => {
      if (data.order) { $("order-state").textContent = data.order.state; }
      const body = $("timeline-rows"); body.textContent = "";
      (data.timeline || []).forEach((entry) => body.append(row("tpl-timeline", entry)));
    }).catch(() => {}).finally(() => { refreshing = null; });
  }

  // --- the socket -----------------------------------------------------------------------------
  function applySnapshot(snapshot) {
    state.seq = snapshot.seq;
    state.counts = { by_state: snapshot.counts.by_state || {}, by_band: snapshot.counts.by_band || {}, total: snapshot.counts.total || 0 };
    state.orders = snapshot.orders;
    state.alerts = new Map(snapshot.alerts.map((a) => [a.id, a]));
    renderCounts(); renderOrders(); renderStock(snapshot.stock); renderAlerts(); renderHealth(snapshot.health);
    if (snapshot.fleet) renderFleet(snapshot.fleet);
    if (page === "order") refreshOrderPage();
  }

  function apply(event) {
    switch (event.type) {
      case "order.created": case "order.updated": applyOrder(event); break;
      case "inventory.updated": applyStock(event.stock); break;
      case "inventory.critical": case "alert.raised": case "alert.resolved": applyAlert(event.alert); break;
      case "health.update": renderHealth(event.checks || []); break;
      case "queues.stats": renderFleet(event); break;
      case "stock.update": renderStock(event.stock); break;
      default: break;
    }
  }

  function setConnection(text, live) {
    const el = $("connection"); if (!el) return;
    el.textContent = text; el.className = "connection " + (live ? "live" : "offline");
  }

  function connect() {
    const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    state.socket = socket;
    socket.onopen = () => { state.retry = 0; setConnection("live", true); };
    socket.onmessage = (message) => {
      const data = JSON.parse(message.data);
      state.lastMessageAt = Date.now();
      if (data.type === "ping") { socket.send('{"type":"pong"}'); return; }
      if (data.type === "snapshot") { applySnapshot(data); }
      else if (data.type === "events") {
        if (data.seq !== state.seq + 1) { socket.send('{"type":"resync"}'); state.seq = -Infinity; return; }
        state.seq += data.events.length;
        state.events += data.events.length;
        data.events.forEach(apply);
      }
      $("seq").textContent = state.seq;
      const updated = $("updated"); if (updated) updated.textContent = "updated " + new Date().toLocaleTimeString();
    };
    socket.onclose = (close) => {
      if (close.code === 4401) { setConnection("signed out: " + close.reason, false); setTimeout(() => location.reload(), 3000); return; }
      state.retry += 1;
      const delay = Math.min(1000 * 2 ** (state.retry - 1), 10000) * (0.75 + Math.random() * 0.5);
      setConnection(`reconnecting in ${(delay / 1000).toFixed(0)} s…`, false);
      setTimeout(connect, delay);
    };
  }

  // What the server rendered before the first message: the same formatting as live rows.
  document.querySelectorAll("[data-time], [data-f=duration_ms]").forEach((el) => { el.textContent = formatValue(el.textContent.trim(), el); });
  connect();
})();
