// Saves a judge's scorecard as a draft while they work, counts the criteria scored, and asks for a comment
// where the guide wants one (a level marked data-comment-required by the page, which has it from the guide).
// The page works without it: "Save draft" and "Submit scores" post the same form. The error summaries and messages
// go as the judge puts each field right (form_errors.js); a refusal of what was last sent goes once a save is accepted.
(function () {
  "use strict";
  var form = document.getElementById("scorecard-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.getElementById("save-status");
  var countEl = document.getElementById("scored-count");
  var criteria = Array.prototype.slice.call(form.querySelectorAll("[data-criterion]"));
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var DELAY = 1500;
  var pending = null;
  var inFlight = false;
  var dirty = false;
  var submitting = false;

  function picked(fieldset) {
    return fieldset.querySelector("input[type=radio]:checked");
  }

  function markComment(fieldset) {
    var choice = picked(fieldset);
    var low = !!choice && choice.hasAttribute("data-comment-required");
    var comment = fieldset.querySelector("textarea");
    var note = fieldset.querySelector("[data-comment-note]");
    comment.required = low;
    if (low) comment.setAttribute("aria-required", "true"); else comment.removeAttribute("aria-required");
    if (note) note.textContent = low ? "(required: the score is below \u201cmeets\u201d)" : "(required below \u201cmeets\u201d)";
  }

  function showProgress() {
    countEl.textContent = criteria.filter(picked).length;
  }

  function save(options) {
    if (submitting) return;
    if (inFlight) { dirty = true; return; }
    pending = null;
    inFlight = true;
    dirty = false;
    status.textContent = "Saving\u2026";
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json", "X-CSRFToken": tokenInput ? tokenInput.value : "" },
      credentials: "same-origin",
      keepalive: !!(options && options.keepalive),
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (reply) {
      if (submitting) return;
      status.textContent = reply.ok ? "Saved " + reply.data.saved_at : reply.data.error + " Your last change was not saved.";
      if (reply.ok) {
        Array.prototype.forEach.call(document.querySelectorAll("[data-error-cleared-by-save]"), function (refusal) {
          refusal.remove();
        });
      }
    }).catch(function () {
      if (submitting) return;
      status.textContent = "Not saved: the connection dropped. Your scores will be saved when it is back.";
      dirty = true;
    }).finally(function () {
      inFlight = false;
      if (dirty && !submitting) schedule(DELAY);
    });
  }

  function schedule(delay) {
    if (pending) clearTimeout(pending);
    pending = setTimeout(save, delay);
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("[data-criterion]");
    if (fieldset && event.target.type === "radio") {
      markComment(fieldset);
      showProgress();
    }
    schedule(DELAY);
  });

  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") schedule(DELAY);
  });

  form.addEventListener("submit", function () {
    submitting = true;
    if (pending) clearTimeout(pending);
  });

  // A judge switching to the call or closing the laptop keeps what they typed.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && pending) {
      clearTimeout(pending);
      save({ keepalive: true });
    }
  });

  window.addEventListener("online", function () { if (dirty) schedule(0); });

  criteria.forEach(markComment);
  showProgress();
})();
