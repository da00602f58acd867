// The troubleshooting page's selection: "select all on this page" and how many are selected. Without
// this script every checkbox still works and the server answers an empty selection with a notice.
(() => {
  "use strict";
  const form = document.querySelector("[data-selection]");
  const all = document.getElementById("select-all");
  if (!form || !all) return;

  const boxes = () => [...form.querySelectorAll('input[type="checkbox"][name="process"]')];
  const count = form.querySelector("[data-selected-count]");

  function update() {
    const ticked = boxes().filter((box) => box.checked).length;
    all.checked = ticked > 0 && ticked === boxes().length;
    all.indeterminate = ticked > 0 && ticked < boxes().length;
    count.textContent = ticked === 0 ? "" : ticked === 1 ? "1 selected" : `${ticked} selected`;
  }

  form.querySelector("[data-select-all]").hidden = false;
  all.addEventListener("change", () => {
    for (const box of boxes()) box.checked = all.checked;
    update();
  });
  form.addEventListener("change", (event) => {
    if (event.target !== all) update();
  });
  update();
})();
