// Keeps the process page current while the process moves by itself, and after an operator's
// request until the process acts on it: polls the process partial and swaps it in, without a
// reload, keeping open <details> open. Stops once the process settles (finished, or waiting in
// the troubleshooting queue for an operator).
(() => {
  "use strict";
  const root = document.querySelector("[data-process-live]");
  if (!root) return;

  const intervalMs = 1500;
  // An accepted request normally shows within a second or two; stop asking after about a minute.
  const awaitingLimit = 40;
  // Which statuses are final comes from the page's one map (Pages/Shared/StatusLooks.cs).
  const map = JSON.parse(document.getElementById("status-looks").textContent);
  const isFinal = (status) => map.process[status] ? !map.process[status].isOpen : false;
  const process = () => root.querySelector("[data-process]");
  const note = (text) => {
    const element = root.querySelector("[data-live-note]");
    if (element && element.textContent !== text) element.textContent = text;
  };
  // Operators act only on a process waiting in the troubleshooting queue; once it is anywhere else
  // the process has acted on the request (possibly before this page even loaded).
  const waitingForOperator = map.waitingForOperator;
  let awaiting = root.dataset.awaiting === "true";
  let ticks = 0;
  let last = null;

  function swap(html) {
    const open = [...root.querySelectorAll("details[open][data-key]")].map((d) => d.dataset.key);
    root.innerHTML = html;
    for (const key of open) root.querySelector(`details[data-key="${CSS.escape(key)}"]`)?.setAttribute("open", "");
  }

  function following() {
    if (awaiting && process().dataset.status !== waitingForOperator) {
      awaiting = false;
      const pending = document.querySelector("[data-awaiting-note]");
      if (pending) pending.textContent = "The process has acted on it.";
    }
    if (awaiting && ticks >= awaitingLimit) {
      awaiting = false;
      note("The process has not acted on the request yet; reload the page to check again.");
      return false;
    }
    if (awaiting) note("Waiting for the process to act on the request; updates every 1.5 s.");
    return awaiting || process().dataset.moving === "true";
  }

  async function tick() {
    ticks++;
    try {
      const response = await fetch(root.dataset.liveUrl, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(`process: HTTP ${response.status}`);
      const html = await response.text();
      if (html !== last) {
        last = html;
        swap(html);
      }
    } catch (error) {
      note("Could not refresh; trying again.");
      console.warn(error);
    }
    if (following()) {
      setTimeout(tick, intervalMs);
    } else if (isFinal(process().dataset.status)) {
      note("The process has finished; auto-refresh stopped.");
    } else if (process().dataset.status === waitingForOperator) {
      note("The process waits in the troubleshooting queue; auto-refresh stopped.");
    }
  }

  if (following()) setTimeout(tick, intervalMs);
})();
