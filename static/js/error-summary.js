// The error summary (templates/partials/error_summary.html): after a refused submit the
// focus moves to it, so that a screen reader reads the errors at once and a keyboard user
// starts from them; a link in it moves the focus to its field (a plain fragment link only
// scrolls) and shows the field's label above it. No inline script (CSP): the summary loads this.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var frame = field.closest("fieldset, .field") || field;
    frame.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
