// Suggests organisations while a filter's organisation field is typed in. The field is a plain
// text input the server filters by, so the page works without this script; with it, the
// browser's own <datalist> offers the (at most 20) party names that match what was typed,
// asked of the field's data-suggest URL. A datalist is read out by screen readers and chosen
// with the keyboard like any suggestion list, with no widget of our own to get wrong.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var inputs = document.querySelectorAll("input[data-suggest]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-forslag";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var asked = "";

    function show(results) {
      list.textContent = "";
      results.forEach(function (row) {
        var option = document.createElement("option");
        option.value = row.name;
        if (row.org_number) { option.label = row.org_number; }
        list.appendChild(option);
      });
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < 2 || text === asked) { return; }
      asked = text;
      var url = input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          // An answer to an older text than the field now holds is dropped.
          if (asked === text) { show(data.results || []); }
        })
        .catch(function () { /* No suggestions; the field still filters as typed. */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });
  });
})();
