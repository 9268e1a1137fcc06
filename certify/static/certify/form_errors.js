// A form that came back with mistakes has an error summary at the top ([data-error-summary]: includes/form_errors.html,
// the scorecard's list). When the page loads, focus moves to the summary, so the person lands on it wherever the form
// is on the page. Each line of the summary names the message of its field ([data-error-for] is the message's id; the
// field's controls point at it with aria-describedby). Once the person changes the field so that the browser finds it
// valid, and filled in where it was marked wrong (unless the page no longer requires it), the field's message, its
// marks and its line go; the summary goes once no line and no general message is left. The server still checks
// everything on submit. Without this script the summary and the messages stay until the next submit.
(function () {
  "use strict";
  var summaries = Array.prototype.slice.call(document.querySelectorAll("[data-error-summary]"));
  if (!summaries.length) return;
  var CONTROLS = "input:not([type=hidden]), select, textarea";
  var invalidAtLoad = [];
  var requiredAtLoad = [];

  function controlsOf(messageId) {
    var found = [];
    var describing = document.querySelectorAll('[aria-describedby~="' + CSS.escape(messageId) + '"]');
    Array.prototype.forEach.call(describing, function (element) {
      var controls = element.matches(CONTROLS) ? [element] : element.querySelectorAll(CONTROLS);
      Array.prototype.forEach.call(controls, function (control) {
        if (found.indexOf(control) === -1) found.push(control);
      });
    });
    return found;
  }

  function filled(control) {
    if (control.type === "radio" || control.type === "checkbox") {
      var scope = control.form || document;
      return !!scope.querySelector('input[name="' + CSS.escape(control.name) + '"]:checked');
    }
    if (control.type === "file") return !!(control.files && control.files.length);
    if (control.multiple && control.selectedOptions) return control.selectedOptions.length > 0;
    return control.value.trim() !== "";
  }

  function mustBeFilled(control) {
    if (control.required) return true;
    // A field the server marked wrong is fixed by a value, not by emptying it; unless the page itself has stopped
    // requiring it since (the scorecard's comment, once the score is at "meets" or above).
    return invalidAtLoad.indexOf(control) !== -1 && requiredAtLoad.indexOf(control) === -1;
  }

  function fixed(controls) {
    return controls.length > 0 && controls.every(function (control) {
      return control.validity.valid && (!mustBeFilled(control) || filled(control));
    });
  }

  function withoutWord(element, attribute, word) {
    var rest = (element.getAttribute(attribute) || "").split(/\s+/).filter(function (name) {
      return name && name !== word;
    });
    if (rest.length) element.setAttribute(attribute, rest.join(" "));
    else element.removeAttribute(attribute);
  }

  function clear(messageId, controls) {
    controls.forEach(function (control) { control.removeAttribute("aria-invalid"); });
    var describing = document.querySelectorAll('[aria-describedby~="' + CSS.escape(messageId) + '"]');
    Array.prototype.forEach.call(describing, function (element) { withoutWord(element, "aria-describedby", messageId); });
    var message = document.getElementById(messageId);
    if (message) {
      var wrapper = message.closest(".field-error, .criterion-problem");
      if (wrapper) wrapper.classList.remove("field-error", "criterion-problem");
      message.remove();
    }
    summaries.slice().forEach(function (summary) {
      var lines = summary.querySelectorAll('[data-error-for="' + CSS.escape(messageId) + '"]');
      Array.prototype.forEach.call(lines, function (line) {
        var list = line.parentNode;
        line.remove();
        if (list && !list.children.length) list.remove();
      });
      if (!summary.querySelector("[data-error-for], [data-error-general]")) {
        summary.remove();
        summaries.splice(summaries.indexOf(summary), 1);
      }
    });
  }

  function messageIds() {
    var ids = [];
    summaries.forEach(function (summary) {
      Array.prototype.forEach.call(summary.querySelectorAll("[data-error-for]"), function (line) {
        var id = line.getAttribute("data-error-for");
        if (ids.indexOf(id) === -1) ids.push(id);
      });
    });
    return ids;
  }

  messageIds().forEach(function (id) {
    controlsOf(id).forEach(function (control) {
      if (control.getAttribute("aria-invalid") === "true") invalidAtLoad.push(control);
      if (control.required) requiredAtLoad.push(control);
    });
  });

  document.addEventListener("change", function (event) {
    if (!event.target.matches || !event.target.matches(CONTROLS)) return;
    messageIds().forEach(function (id) {
      var controls = controlsOf(id);
      if (controls.indexOf(event.target) !== -1 && fixed(controls)) clear(id, controls);
    });
  });

  // A line of the summary takes the person to the control itself, with its label or legend in view.
  summaries.forEach(function (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target || !target.matches(CONTROLS)) return;
      event.preventDefault();
      var group = (target.type === "radio" || target.type === "checkbox") && target.closest("fieldset");
      var label = (group && group.querySelector("legend")) || (target.labels && target.labels[0]) || target;
      label.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    });
  });

  var first = summaries[0];
  first.focus({ preventScroll: true });
  var box = first.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) first.scrollIntoView({ block: "start" });
})();
