// An import's page while it runs: ask the server how far it is every two seconds, show it, and reload the
// page once the import has finished so it shows what came in (or why it was refused).
(function () {
  "use strict";
  var box = document.querySelector("[data-import-progress]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var done = box.querySelector("[data-import-progress-done]");
  var label = box.querySelector("[data-import-progress-label]");
  function poll() {
    fetch(box.dataset.importProgressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (progress) {
        if (progress.finished) { window.location.reload(); return; }
        bar.max = progress.total;
        bar.value = progress.done;
        done.textContent = progress.done;
        label.textContent = progress.label;
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
