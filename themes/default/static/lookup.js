// otklik: jump to an appeal number in the lookup. Progressive enhancement only: without
// this script the lookup works through its year and range pages. No libraries, no
// requests; the list of existing ranges comes from the page itself.
(function () {
  "use strict";
  var form = document.getElementById("lookup-form");
  if (!form) { return; }
  var input = document.getElementById("lookup-number");
  var error = document.getElementById("lookup-error");
  var ranges = {};
  (form.getAttribute("data-ranges") || "").split(";").forEach(function (year) {
    var parts = year.split(":");
    if (parts.length === 2) { ranges[parts[0]] = parts[1].split(","); }
  });
  function pad(n) { var s = String(n); while (s.length < 4) { s = "0" + s; } return s; }
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var m = /^\s*(\d{4})\s*[-\u2010-\u2015\s]\s*(\d{1,9})\s*$/.exec(input.value);
    var start = 0;
    if (m) {
      var n = parseInt(m[2], 10);
      start = Math.floor((Math.max(n, 1) - 1) / 100) * 100 + 1;
    }
    if (!m || !ranges[m[1]] || ranges[m[1]].indexOf(String(start)) < 0) {
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    var id = m[1] + "-" + (m[2].length < 4 ? pad(parseInt(m[2], 10)) : m[2]);
    window.location.href = m[1] + "/" + pad(start) + "-" + pad(start + 99) + ".html#item-" + id;
  });
})();
