/* Draw every <div data-chart="ID"> from the option JSON in <script id="ID"> (json_script).
   The options are built in Python (econdesk/web/charts.py); this file only hands them over. */
(function () {
  "use strict";
  var charts = [];

  function draw(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) return;
      var source = document.getElementById(el.dataset.chart);
      if (!source) return;
      var option = JSON.parse(source.textContent);
      var decimals = option._decimals;
      if (option._height) el.style.height = option._height + "px";
      if (decimals !== undefined && option.tooltip) {
        option.tooltip.valueFormatter = function (v) {
          return v === null || v === undefined || v === "-" ? "—" : Number(v).toFixed(decimals);
        };
      }
      var chart = echarts.init(el, null, { renderer: "svg", locale: "ZH" });
      chart.setOption(option);
      el.dataset.drawn = "1";
      el.classList.add("drawn");
      charts.push(chart);
    });
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
  window.addEventListener("beforeprint", function () {
    charts.forEach(function (c) { c.resize(); });
  });
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (e) { draw(e.target); });
})();
