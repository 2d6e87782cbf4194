// The Compare page: up to four models side by side, every field aligned, differing rows marked.
// The chosen models live in the URL (?models=a,b,c); each model's values come from
// data/models/<id>.json, written by the site build.
(function () {
  "use strict";

  var MAX = 4;
  var cache = {};

  function load(id) {
    if (!cache[id]) {
      cache[id] = fetch("data/models/" + encodeURIComponent(id) + ".json").then(function (response) {
        if (!response.ok) throw new Error(id + ": " + response.status);
        return response.json();
      });
    }
    return cache[id];
  }

  function cell(tag, text, className) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    return element;
  }

  function render(table, models, onlyDifferences) {
    var head = table.tHead;
    var body = table.tBodies[0];
    head.textContent = "";
    body.textContent = "";
    var top = head.insertRow();
    top.appendChild(cell("th", "Field"));
    models.forEach(function (model) {
      var th = document.createElement("th");
      th.scope = "col";
      var link = document.createElement("a");
      link.href = "models/" + encodeURIComponent(model.id) + ".html";
      link.textContent = model.name;
      th.appendChild(link);
      top.appendChild(th);
    });
    var fields = {};
    models.forEach(function (model, m) {
      model.fields.forEach(function (field) {
        var row = fields[field.field] || (fields[field.field] = { field: field, values: [] });
        row.values[m] = field;
      });
    });
    var ordered = Object.keys(fields).map(function (key) { return fields[key]; });
    ordered.sort(function (a, b) { return a.field.ordinal - b.field.ordinal; });
    var section = null;
    var differing = 0;
    ordered.forEach(function (item) {
      var texts = models.map(function (_, m) { return item.values[m] ? item.values[m].text : "—"; });
      var differs = texts.some(function (text) { return text !== texts[0]; });
      if (differs) differing += 1;
      if (onlyDifferences && !differs) return;
      if (item.field.section !== section) {
        section = item.field.section;
        var header = body.insertRow();
        header.className = "atlas-compare-section";
        var th = cell("th", section.charAt(0).toUpperCase() + section.slice(1));
        th.colSpan = models.length + 1;
        header.appendChild(th);
      }
      var row = body.insertRow();
      row.dataset.field = item.field.field;
      if (differs) {
        row.className = "atlas-differs";
        row.dataset.differs = "true";
      }
      var label = cell("th", item.field.label);
      label.scope = "row";
      row.appendChild(label);
      models.forEach(function (_, m) {
        var value = item.values[m];
        var td = cell("td", texts[m]);
        if (value && value.status && value.status !== "reported") td.appendChild(cell("small", " (" + value.status.replace("_", " ") + ")"));
        row.appendChild(td);
      });
    });
    table.hidden = false;
    return differing;
  }

  function init() {
    var table = document.querySelector("[data-compare-table]");
    if (!table) return;
    var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-slot]"));
    var only = document.querySelector("[data-only-differences]");
    var status = document.querySelector("[data-compare-status]");
    var pickers = document.querySelector("form.atlas-compare-pickers");
    if (pickers) pickers.addEventListener("submit", function (event) { event.preventDefault(); });
    var known = {};
    Array.prototype.forEach.call(selects[0].options, function (o) { if (o.value) known[o.value] = true; });

    function chosen() {
      var ids = [];
      selects.forEach(function (select) {
        if (select.value && ids.indexOf(select.value) === -1) ids.push(select.value);
      });
      return ids;
    }

    function update(save) {
      var ids = chosen();
      if (save) {
        var url = location.pathname + (ids.length ? "?models=" + ids.map(encodeURIComponent).join(",") : "") + location.hash;
        history.replaceState(null, "", url);
      }
      if (ids.length < 2) {
        table.hidden = true;
        status.textContent = ids.length ? "Choose at least one more model." : "Choose at least two models.";
        return;
      }
      status.textContent = "Loading…";
      Promise.all(ids.map(load)).then(function (models) {
        var differing = render(table, models, only.checked);
        status.textContent = models.length + " models compared; " + differing + " fields differ (highlighted).";
      }).catch(function (error) {
        status.textContent = "Could not load the models' values (" + error.message + "). Serve the site over HTTP, e.g. slm-atlas site --serve.";
      });
    }

    var wanted = (new URLSearchParams(location.search).get("models") || "").split(",").filter(function (id) { return known[id]; });
    wanted.slice(0, MAX).forEach(function (id, i) { selects[i].value = id; });
    selects.forEach(function (select) { select.addEventListener("change", function () { update(true); }); });
    only.addEventListener("change", function () { update(false); });
    update(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
