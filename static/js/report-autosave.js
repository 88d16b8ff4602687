// Keeps a report draft safe while it is being written: every minute, if something changed,
// the form is posted as a draft in the background (the same "Spara utkast" the button does).
// The draft lives on the server only: nothing of the report is written to the browser's
// storage, where it would outlive the submit and the logout on a shared computer. No inline
// script: the form opts in with data-autosave.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var dirty = false;

  form.addEventListener("input", function () { dirty = true; });

  form.addEventListener("submit", function () { dirty = false; });

  function save() {
    if (!dirty) { return; }
    var data = new FormData(form);
    data.append("draft", "1");
    data.append("autosave", "1");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      // A redirect (to the login page) means the session ended: nothing more can be saved.
      if (response.type === "opaqueredirect") { return null; }
      return response.json().then(function (body) {
        if (body.saved) {
          // The draft is saved: the form now stands on the new version, so the next save by
          // this person is not mistaken for a colleague's stale one.
          var version = form.querySelector("input[name=version]");
          if (version) { version.value = body.version; }
          dirty = false;
          if (status) { status.textContent = status.getAttribute("data-saved"); }
        } else {
          // A colleague saved the report meanwhile: stop saving in the background and say so;
          // "Spara utkast" shows what they changed, and nothing here is overwritten.
          saving = false;
          if (status) { status.textContent = (body.messages || []).join(" "); }
        }
      });
    }).catch(function () {
      if (status) { status.textContent = status.getAttribute("data-failed"); }
    });
  }
  var saving = true;
  function tick() { if (saving) { save(); } }
  window.setInterval(tick, 60000);
})();
