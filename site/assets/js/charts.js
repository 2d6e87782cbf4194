// Draws every chart of a page from its Vega spec (compiled from Vega-Lite when the site was
// built; a JSON <script> beside it) with the vendored Vega, in the palette the reader chose:
// Material's toggle sets data-md-color-scheme on <body> ("slate" is dark), and the charts are
// drawn again when it changes. Tooltips are Vega's own (the browser's title tooltip).
(function () {
  "use strict";

  var LIGHT = { background: null };
  // Light text and guides on Material's dark background (after vega-themes' "dark").
  var DARK = {
    background: null,
    title: { color: "#e6e6e6", subtitleColor: "#e6e6e6" },
    style: { "guide-label": { fill: "#d0d0d0" }, "guide-title": { fill: "#e6e6e6" }, "group-title": { fill: "#e6e6e6" } },
    axis: { domainColor: "#aaa", gridColor: "#4a4a4a", tickColor: "#aaa", labelColor: "#d0d0d0", titleColor: "#e6e6e6" },
    legend: { labelColor: "#d0d0d0", titleColor: "#e6e6e6" },
    view: { stroke: "#666" },
    text: { fill: "#e6e6e6" },
  };

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function draw() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (plot) {
      var spec = JSON.parse(document.getElementById(plot.dataset.chart).textContent);
      if (plot._view) plot._view.finalize();
      plot.textContent = "";
      try {
        var view = new window.vega.View(window.vega.parse(spec, dark() ? DARK : LIGHT), {
          renderer: "svg", container: plot, hover: true,
        });
        plot._view = view;
        view.runAsync().then(function () {
          plot.dataset.rendered = "true";
          plot.dataset.scheme = dark() ? "dark" : "light";
        }).catch(fail);
      } catch (error) {
        fail(error);
      }

      function fail(error) {
        plot.dataset.rendered = "error";
        plot.textContent = "This chart could not be drawn: " + error.message;
      }
    });
  }

  function init() {
    if (!window.vega) return;
    draw();
    new MutationObserver(draw).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
