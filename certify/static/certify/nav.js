// On narrow screens the main navigation folds behind its "Menu" button. Without this script the links stay visible.
(function () {
  "use strict";
  var nav = document.querySelector("[data-nav]");
  if (!nav) return;
  var button = nav.querySelector(".nav-toggle");
  var list = document.getElementById(button.getAttribute("aria-controls"));
  if (!list) return;

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("nav-open", open);
  }

  nav.classList.add("nav-collapsible");
  setOpen(false);

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
    if (getComputedStyle(button).display === "none") return;
    setOpen(false);
    button.focus();
  });
})();
