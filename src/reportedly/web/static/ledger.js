// Ledger: choosing a status or a source kind applies the filters at once; empty fields stay out of the URL.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.addEventListener("submit", function () {
    var fields = form.querySelectorAll("input, select");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value === "" && fields[i].name) { fields[i].disabled = true; }
    }
  });
  var selects = form.querySelectorAll("select");
  for (var j = 0; j < selects.length; j++) {
    selects[j].addEventListener("change", function () { form.requestSubmit(); });
  }
})();
