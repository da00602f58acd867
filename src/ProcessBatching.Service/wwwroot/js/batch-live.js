// Keeps the batch page current while the batch is open: polls the batch's JSON (which recounts
// it, throttled on the server), the process table and the parts only the server renders (pace,
// throughput chart, breakdown: handler=Live), and updates them in place, without a reload. Stops
// when the batch finishes or the user switches auto-refresh off.
// Number and time formats mirror Pages/Shared/Display.cs and BatchFigures.cs.
(() => {
  "use strict";
  const root = document.querySelector("[data-batch-live]");
  if (!root) return;

  const intervalMs = 1500;
  const toggle = document.getElementById("auto-refresh");
  const note = document.getElementById("refresh-note");
  const badge = document.querySelector('[data-field="status"]');
  const table = document.getElementById("process-table");
  let timer = null;
  let lastTable = null;

  const number = (n) => n.toLocaleString("en-US");
  const time = (iso) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—");
  const set = (field, text) => {
    const element = root.querySelector(`[data-field="${field}"]`);
    if (element && element.textContent !== text) element.textContent = text;
  };
  // Labels, tones and which statuses are open come from the page's one map (Pages/Shared/StatusLooks.cs).
  const looks = JSON.parse(document.getElementById("status-looks").textContent).batch;
  const isOpen = (status) => looks[status]?.isOpen ?? false;

  function render(batch) {
    const total = batch.total_count;
    const finished = batch.completed_count + batch.failed_count;
    const percent = total === 0 ? 0 : (100 * finished) / total;
    const summary = `${number(finished)} of ${number(total)} finished (${(Math.round(percent * 10) / 10).toFixed(1)}%)`;
    const width = (n) => (total === 0 ? 0 : (100 * n) / total) + "%";

    badge.textContent = looks[batch.status]?.label ?? batch.status;
    badge.dataset.status = batch.status;
    badge.dataset.tone = looks[batch.status]?.tone ?? "idle";
    const bar = root.querySelector('[data-field="progress"]');
    bar.setAttribute("aria-valuemax", total);
    bar.setAttribute("aria-valuenow", finished);
    bar.setAttribute("aria-valuetext", summary);
    bar.querySelector('[data-part="completed"]').style.width = width(batch.completed_count);
    bar.querySelector('[data-part="failed"]').style.width = width(batch.failed_count);
    bar.querySelector('[data-part="blocked"]').style.width = width(batch.blocked_count);

    set("summary", summary);
    set("completed", number(batch.completed_count));
    set("failed", number(batch.failed_count));
    set("blocked", number(batch.blocked_count));
    set("running", number(Math.max(0, batch.in_progress_count - batch.blocked_count)));
    set("total", number(total));
    set("started", time(batch.started_at));
    set("completed_at", time(batch.completed_at));
  }

  // Keeps keyboard focus on the same link when a part's content is replaced.
  function replaceKeepingFocus(container, html) {
    const focused = container.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    container.innerHTML = html;
    if (focused) container.querySelector(`a[href="${CSS.escape(focused)}"]`)?.focus();
  }

  async function refreshTable() {
    const response = await fetch(root.dataset.tableUrl, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(`process table: HTTP ${response.status}`);
    const html = await response.text();
    if (html === lastTable) return;
    lastTable = html;
    replaceKeepingFocus(table, html);
  }

  // Pace (throughput, estimate, chart) and breakdown: each [data-live-part] of the answer replaces
  // the page's part of the same name, when it changed.
  async function refreshLive() {
    const response = await fetch(root.dataset.liveUrl, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(`pace and breakdown: HTTP ${response.status}`);
    const answer = document.createElement("template");
    answer.innerHTML = await response.text();
    for (const part of answer.content.querySelectorAll("[data-live-part]")) {
      const current = document.querySelector(`[data-live-part="${CSS.escape(part.dataset.livePart)}"]`);
      if (current && current.innerHTML !== part.innerHTML) replaceKeepingFocus(current, part.innerHTML);
    }
  }

  async function tick() {
    timer = null;
    try {
      const response = await fetch(root.dataset.batchUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`batch: HTTP ${response.status}`);
      const batch = await response.json();
      render(batch);
      // batch-actions.js shows the operator actions that apply to the batch as it is now.
      root.dispatchEvent(new CustomEvent("batch-refreshed", { detail: batch }));
      await Promise.all([refreshTable(), refreshLive()]);
      if (!isOpen(batch.status)) {
        stop("The batch has finished; auto-refresh stopped.");
        toggle.disabled = true;
        return;
      }
      note.textContent = "Updates every 1.5 s.";
    } catch (error) {
      note.textContent = "Could not refresh; trying again.";
      console.warn(error);
    }
    if (toggle.checked && timer == null) timer = setTimeout(tick, intervalMs);
  }

  function start() {
    if (timer == null) timer = setTimeout(tick, intervalMs);
    note.textContent = "Updates every 1.5 s.";
  }

  function stop(message) {
    if (timer != null) clearTimeout(timer);
    timer = null;
    toggle.checked = false;
    note.textContent = message;
  }

  toggle.addEventListener("change", () => (toggle.checked ? start() : stop("Auto-refresh is off.")));
  if (toggle.checked) start();
})();
