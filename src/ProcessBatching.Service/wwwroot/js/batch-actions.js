// Shows each of the batch page's operator actions only while it applies, from the batch JSON that
// batch-live.js polls (its "batch-refreshed" event): data-when names the condition below.
(() => {
  "use strict";
  const root = document.querySelector("[data-batch-live]");
  if (!root) return;
  const looks = JSON.parse(document.getElementById("status-looks").textContent).batch;

  root.addEventListener("batch-refreshed", (event) => {
    const batch = event.detail;
    const finished = !(looks[batch.status]?.isOpen ?? false);
    const open = !finished && !batch.canceling;
    const when = {
      open,
      canceling: batch.canceling,
      "can-pause": open && !batch.paused,
      "can-resume": open && batch.paused,
      "has-blocked": open && batch.blocked_count > 0,
      "can-rerun": finished && batch.failed_count > 0,
    };
    for (const element of document.querySelectorAll("[data-when]")) {
      element.hidden = !when[element.dataset.when];
    }
    const paused = document.querySelector('[data-field="paused"]');
    if (paused) paused.hidden = !when["can-resume"];
    const canceling = document.querySelector('[data-field="canceling"]');
    if (canceling) canceling.hidden = !batch.canceling;
  });
})();
