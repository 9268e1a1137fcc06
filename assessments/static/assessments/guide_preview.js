// The guide editor's preview of what each pattern of scores gives: post the form as it stands to the server,
// which scores it with the same rules as a real evaluation, and show the answer. Nothing is saved.
(function () {
  "use strict";
  function start() {
    var box = document.querySelector("[data-guide-preview]");
    if (!box || box.dataset.started) return;
    box.dataset.started = "1";
    var form = box.closest("form");
    if (!form) return;
    var timer = null;
    var pending = null;
    function refresh() {
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(box.dataset.guidePreviewUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        signal: pending.signal,
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) box.innerHTML = html; })
        .catch(function () {});
    }
    function soon() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 350);
    }
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    // Adding, moving or deleting a criterion or a level changes hidden inputs without an input event.
    form.addEventListener("click", function (event) {
      if (event.target.closest("button")) soon();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
