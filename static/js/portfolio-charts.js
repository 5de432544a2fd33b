/* Charts of the portfolio pages, drawn from the data the page already shows in its
   tables (passed with json_script, so no inline script is needed under the CSP).
   Without JavaScript or Chart.js the tables remain the whole story. */
(function () {
  "use strict";

  var HORIZON_COLOURS = { h1: "#2f6f4f", h2: "#c9822b", h3: "#3f5fa8", composted: "#7a6a58" };

  function readData(id) {
    var element = document.getElementById(id);
    if (!element) { return null; }
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }

  function drawMap() {
    var data = readData("portfolio-map-data");
    var canvas = document.getElementById("portfolio-map-chart");
    if (!data || !canvas) { return; }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (dataset) {
          return { label: dataset.label, data: dataset.data, backgroundColor: HORIZON_COLOURS[dataset.horizon] };
        })
      },
      options: {
        responsive: true,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  /* The flow as a grouped bar chart: for each stage (before the first review, after each
     review) how many initiatives stood in each state (a horizon, or composted). */
  function drawShift() {
    var data = readData("portfolio-shift-data");
    var canvas = document.getElementById("portfolio-shift-chart");
    if (!data || !canvas) { return; }
    var totals = {};
    data.links.forEach(function (link) {
      totals[link.target] = (totals[link.target] || 0) + link.value;
      if (link.source.indexOf("0:") === 0) {
        totals[link.source] = (totals[link.source] || 0) + link.value;
      }
    });
    var states = [];
    var labels = {};
    data.nodes.forEach(function (node) {
      if (states.indexOf(node.state) === -1) { states.push(node.state); labels[node.state] = node.label; }
    });
    states.sort();
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.stages,
        datasets: states.map(function (state) {
          return {
            label: labels[state],
            backgroundColor: HORIZON_COLOURS[state],
            data: data.stages.map(function (stage, index) { return totals[index + ":" + state] || 0; })
          };
        })
      },
      options: { responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function init() {
    if (typeof window.Chart === "undefined") { return; }
    drawMap();
    drawShift();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
