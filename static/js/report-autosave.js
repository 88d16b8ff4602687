// Keeps a report draft safe while it is being written: every minute, if something changed,
// the form is posted as a draft in the background (the same "Spara utkast" the button does),
// and a copy is kept in the browser in case the session has timed out. No inline script: the
// form opts in with data-autosave.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var key = "iop-draft-" + form.getAttribute("data-autosave");
  var status = document.getElementById("autosave-status");
  var dirty = false;

  form.addEventListener("input", function () {
    dirty = true;
    try {
      var data = {};
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken") { data[name] = value; }
      });
      window.localStorage.setItem(key, JSON.stringify(data));
    } catch (e) { /* storage full or disabled: the server draft still works */ }
  });

  form.addEventListener("submit", function () { dirty = false; });

  function save() {
    if (!dirty) { return; }
    var data = new FormData(form);
    data.append("draft", "1");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      // A draft save answers with a redirect back to the form; a redirect to the login page
      // means the session ended, and the browser copy is all we have.
      if (response.type === "opaqueredirect" || response.ok) {
        dirty = false;
        if (status) { status.textContent = status.getAttribute("data-saved"); }
      }
    }).catch(function () {
      if (status) { status.textContent = status.getAttribute("data-failed"); }
    });
  }
  window.setInterval(save, 60000);
})();
