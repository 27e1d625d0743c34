// The reader's only script: highlight toggles on the story page and auto-submitting filters.
// No inline handlers: the page's Content-Security-Policy allows this file and nothing else.
(function () {
  "use strict";

  function setHighlight(mode) {
    document.querySelectorAll("[data-columns]").forEach(function (columns) {
      columns.classList.remove("highlight-all", "highlight-shared", "highlight-none");
      columns.classList.add("highlight-" + mode);
    });
    document.querySelectorAll("[data-highlight]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-highlight") === mode));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-highlight]").forEach(function (button) {
      button.addEventListener("click", function () {
        setHighlight(button.getAttribute("data-highlight"));
      });
    });
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.form) { select.form.submit(); }
      });
    });
  });
})();
