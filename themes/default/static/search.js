// otklik: search the public list of appeals. Progressive enhancement only: without this
// script the list works through its pages, its filter pages and the lookup by number. No
// libraries; the one request is for the site's own data/search.json, made the first time
// someone searches (not on focus: tabbing past the form should cost no data), because the
// index of a large district weighs megabytes. Opened from disk, most browsers refuse that
// request; the form then says so and points to the filters. All texts come from the page
// (the message catalogue), none are written here.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.XMLHttpRequest || !window.JSON) { return; }
  var input = document.getElementById("search-text");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var list = document.getElementById("appeals-list");
  var selects = form.getElementsByTagName("select");
  var MAX_SHOWN = 100;
  var data = function (name) { return form.getAttribute("data-" + name) || ""; };
  var root = data("root");
  var months = data("months").split("|");
  var index = null;
  var state = "idle";
  var timer = null;

  // Case and the letter ё do not matter: "Ёлкино" is found by "елкино".
  function fold(text) { return String(text).toLowerCase().replace(/\u0451/g, "\u0435"); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function number(n) {
    var digits = String(n);
    if (digits.length < parseInt(data("group-from"), 10)) { return digits; }
    var out = "";
    for (var i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) { out += data("group"); }
      out += digits.charAt(i);
    }
    return out;
  }

  function date(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) { return iso; }
    return fill(data("date"), {
      d: String(parseInt(m[3], 10)), m: months[parseInt(m[2], 10) - 1] || "", y: m[1]
    });
  }

  function say(text) { status.textContent = text; }

  // Turns the compact file (see src/render/search.rs) into one record per item, with the
  // folded text that a query is matched against.
  function prepare(json) {
    var col = {};
    json.fields.forEach(function (name, i) { col[name] = i; });
    return json.items.map(function (row) {
      var kind = json.kind[row[col.kind]] || {};
      var st = json.status[row[col.status]] || {};
      var sector = json.sector[row[col.sector]] || {};
      var item = {
        id: row[col.id],
        page: row[col.page],
        received: row[col.received],
        kind: kind.code, kindName: kind.name || "",
        status: st.code, statusName: st.name || "",
        sector: sector.code, sectorName: sector.name || "",
        locality: json.locality[row[col.locality]] || "",
        topic: json.topic[row[col.topic]] || "",
        summary: row[col.summary] || ""
      };
      item.text = fold([item.id, item.summary, item.topic, item.locality, item.sectorName,
        item.kindName, item.statusName].join("\n"));
      return item;
    });
  }

  function load() {
    if (state !== "idle") { return; }
    state = "loading";
    say(data("loading"));
    var request = new XMLHttpRequest();
    var failed = function () { state = "failed"; say(data("failed")); };
    request.onload = function () {
      // Opened from disk, a browser that allows the request answers with status 0.
      if ((request.status === 200 || request.status === 0) && request.responseText) {
        try {
          index = prepare(JSON.parse(request.responseText));
        } catch (e) {
          failed();
          return;
        }
        state = "ready";
        update();
      } else {
        failed();
      }
    };
    request.onerror = failed;
    try {
      request.open("GET", root + "data/search.json");
      request.send();
    } catch (e) {
      failed();
    }
  }

  function wanted() {
    var words = fold(input.value).split(/\s+/).filter(function (w) { return w; });
    var fields = [];
    for (var i = 0; i < selects.length; i++) {
      if (selects[i].value) {
        fields.push([selects[i].getAttribute("data-field"), selects[i].value]);
      }
    }
    return { words: words, fields: fields };
  }

  function matches(item, query) {
    for (var i = 0; i < query.fields.length; i++) {
      if (item[query.fields[i][0]] !== query.fields[i][1]) { return false; }
    }
    for (var j = 0; j < query.words.length; j++) {
      if (item.text.indexOf(query.words[j]) < 0) { return false; }
    }
    return true;
  }

  function line(item) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + item.page;
    link.textContent = item.id;
    li.appendChild(link);
    var facts = [date(item.received), item.summary || item.topic, item.statusName, item.locality];
    li.appendChild(document.createTextNode(" — " + facts.filter(function (f) { return f; })
      .join(" · ")));
    return li;
  }

  function show(searching) {
    results.hidden = !searching;
    if (list) { list.hidden = searching; }
  }

  function update() {
    var query = wanted();
    if (!query.words.length && !query.fields.length) {
      show(false);
      say(state === "failed" ? data("failed") : "");
      return;
    }
    if (state !== "ready") { load(); return; }
    var found = index.filter(function (item) { return matches(item, query); });
    while (results.firstChild) { results.removeChild(results.firstChild); }
    found.slice(0, MAX_SHOWN).forEach(function (item) { results.appendChild(line(item)); });
    show(true);
    if (!found.length) {
      say(data("none"));
    } else if (found.length > MAX_SHOWN) {
      say(fill(data("found"), { n: number(found.length) }) + " " +
        fill(data("shown"), { shown: number(MAX_SHOWN) }));
    } else {
      say(fill(data("found"), { n: number(found.length) }));
    }
  }

  function later() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(update, 250);
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  input.addEventListener("input", later);
  for (var i = 0; i < selects.length; i++) {
    selects[i].addEventListener("change", update);
  }
})();
