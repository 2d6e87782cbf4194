// Filterable, sortable tables whose state lives in the URL.
//
// A <form class="atlas-filters" data-table="ID"> holds inputs with data-filter="KEY": the key
// "q" matches any text of a row; any other key matches exactly the row's data-KEY attribute, or
// else the text of the row's cell under the header whose data-key is KEY.
// Sorting is tablesort's (vendored); the sorted column (th data-key) and its direction are kept
// in the URL as sort=KEY&dir=asc|desc beside the filters, so a view can be shared.
(function () {
  "use strict";

  function setup(form) {
    var table = document.getElementById(form.dataset.table);
    if (!table) return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.querySelector('[data-count-for="' + table.id + '"]');
    var empty = document.querySelector('[data-empty-for="' + table.id + '"]');
    var noun = count ? count.textContent.replace(/^[\d,]+\s*/, "") : "rows";
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var sorter = window.Tablesort ? new window.Tablesort(table) : null;
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var columns = {};
    headers.forEach(function (header, i) { if (header.dataset.key) columns[header.dataset.key] = i; });

    function facet(row, key) {
      if (row.hasAttribute("data-" + key)) return row.getAttribute("data-" + key);
      var cell = row.cells[columns[key]];
      return cell ? cell.textContent.trim() : null;
    }

    function apply() {
      var shown = 0;
      var query = "";
      var wanted = {};
      inputs.forEach(function (input) {
        var value = input.value.trim();
        if (!value) return;
        if (input.dataset.filter === "q") query = value.toLowerCase();
        else wanted[input.dataset.filter] = value;
      });
      rows.forEach(function (row, i) {
        var ok = !query || texts[i].indexOf(query) !== -1;
        for (var key in wanted) {
          if (ok && facet(row, key) !== wanted[key]) ok = false;
        }
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown === rows.length ? rows.length + " " + noun : shown + " of " + rows.length + " " + noun;
      if (empty) empty.hidden = shown !== 0;
    }

    function sortedHeader() {
      for (var i = 0; i < headers.length; i++) {
        var order = headers[i].getAttribute("aria-sort");
        if (order === "ascending" || order === "descending") return headers[i];
      }
      return null;
    }

    function save() {
      var params = new URLSearchParams();
      inputs.forEach(function (input) {
        if (input.value.trim()) params.set(input.dataset.filter, input.value.trim());
      });
      var header = sortedHeader();
      if (header && header.dataset.key) {
        params.set("sort", header.dataset.key);
        params.set("dir", header.getAttribute("aria-sort") === "descending" ? "desc" : "asc");
      }
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      inputs.forEach(function (input) {
        var value = params.get(input.dataset.filter);
        if (value === null) return;
        if (input.tagName === "SELECT" && !Array.prototype.some.call(input.options, function (o) { return o.value === value; })) return;
        input.value = value;
      });
      var key = params.get("sort");
      var header = headers.filter(function (h) { return h.dataset.key === key; })[0];
      if (sorter && header) {
        // tablesort flips the current direction: start from the opposite of the one wanted
        header.setAttribute("aria-sort", params.get("dir") === "desc" ? "ascending" : "descending");
        sorter.sortTable(header);
      }
    }

    inputs.forEach(function (input) {
      input.addEventListener(input.tagName === "SELECT" ? "change" : "input", function () { apply(); save(); });
    });
    // Enter in the text box must not submit (and reload) the page; no inline handler, so the site keeps none at all
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var reset = form.querySelector("[data-reset]");
    if (reset) reset.addEventListener("click", function () {
      inputs.forEach(function (input) { input.value = ""; });
      apply();
      save();
    });
    table.addEventListener("afterSort", save);
    restore();
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.atlas-filters[data-table]"), setup);
  }

  // Material's instant navigation is off, so each page load runs this once.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
