// Saves a quiz attempt as the rep answers, counts down the time limit, and asks before submitting with blanks.
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) return;
  var status = document.getElementById("save-status");
  var countEl = document.getElementById("answered-count");
  var progress = document.getElementById("answered-progress");
  var total = parseInt(form.dataset.questionCount, 10);
  var pending = null;
  var inFlight = false;
  var dirty = false;
  var submitting = false;

  function answeredCount() {
    var positions = {};
    form.querySelectorAll("input:checked").forEach(function (input) { positions[input.name] = true; });
    return Object.keys(positions).length;
  }

  function showProgress() {
    var count = answeredCount();
    countEl.textContent = count;
    progress.value = count;
    progress.textContent = count + " of " + total;
  }

  function save() {
    if (inFlight) { dirty = true; return; }
    inFlight = true;
    dirty = false;
    status.textContent = "Saving…";
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (reply) {
      if (reply.ok) {
        status.textContent = "Saved at " + reply.data.saved_at;
      } else if (reply.data.result_url) {
        window.location.assign(reply.data.result_url);
      } else {
        status.textContent = reply.data.error + " Your last answer was not saved; try again.";
      }
    }).catch(function () {
      status.textContent = "Not saved: the connection dropped. Your answers will be saved when it is back.";
      dirty = true;
    }).finally(function () {
      inFlight = false;
      if (dirty) { schedule(2000); }
    });
  }

  function schedule(delay) {
    if (pending) clearTimeout(pending);
    pending = setTimeout(save, delay);
  }

  form.addEventListener("change", function () {
    showProgress();
    schedule(300);
  });

  window.addEventListener("online", function () { if (dirty) schedule(0); });

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitting) { event.preventDefault(); return; }
    if (submitter && submitter.value === "submit" && !form.dataset.timeUp) {
      var blank = total - answeredCount();
      if (blank > 0 && !window.confirm("You have " + blank + " unanswered question" + (blank === 1 ? "" : "s") + ". Submit anyway?")) {
        event.preventDefault();
        return;
      }
    }
    submitting = true;
    if (pending) clearTimeout(pending);
  });

  var timer = document.getElementById("quiz-timer");
  if (timer) {
    var value = document.getElementById("quiz-timer-value");
    var ends = Date.now() + parseInt(timer.dataset.secondsLeft, 10) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      value.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left <= 60) timer.classList.add("quiz-timer-low");
      if (left === 0) {
        clearInterval(interval);
        form.dataset.timeUp = "1";
        document.getElementById("submit-attempt").click();
      }
    };
    var interval = setInterval(tick, 1000);
    tick();
  }
})();
