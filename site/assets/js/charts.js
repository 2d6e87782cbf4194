// Draws every chart of a page from its Vega-Lite spec (a JSON <script> beside it), with the
// vendored vega-embed, in the palette the reader chose: Material's toggle sets
// data-md-color-scheme on <body> ("slate" is dark), and the charts are drawn again when it changes.
(function () {
  "use strict";

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function draw() {
    var plots = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(plots, function (plot) {
      var spec = JSON.parse(document.getElementById(plot.dataset.chart).textContent);
      var options = {
        actions: false,
        renderer: "svg",
        theme: dark() ? "dark" : undefined,
        config: { background: null },
      };
      window.vegaEmbed(plot, spec, options).then(function (result) {
        plot.dataset.rendered = "true";
        if (plot._view) plot._view.finalize();
        plot._view = result.view;
      }).catch(function (error) {
        plot.dataset.rendered = "error";
        plot.textContent = "This chart could not be drawn: " + error.message;
      });
    });
  }

  function init() {
    if (!window.vegaEmbed) return;
    draw();
    new MutationObserver(draw).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
