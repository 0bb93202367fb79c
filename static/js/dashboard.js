// Draws the dashboards' charts (Chart.js, vendored). Each <canvas data-chart="ID"> takes its
// data from the json_script element with that id; the table beside it holds the same
// figures for screen readers and for anyone who prefers numbers. No inline script (CSP).
(function () {
  "use strict";

  // Colours with at least 3:1 contrast against white (WCAG 2.1, 1.4.11 non-text contrast).
  var COLOURS = ["#0b5ed7", "#b35900", "#198754", "#6f42c1", "#a0203c", "#495057"];
  var LOCALE = document.documentElement.lang === "en" ? "en-GB" : "da-DK";

  function formatter(spec) {
    if (spec.money) {
      var money = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
      return function (value) { return money.format(value) + " kr."; };
    }
    if (spec.percent) {
      var share = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
      return function (value) { return share.format(value) + " %"; };
    }
    var plain = new Intl.NumberFormat(LOCALE);
    return function (value) { return plain.format(value); };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var format = formatter(spec);
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = COLOURS[index % COLOURS.length];
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: spec.type === "line" ? 2 : 0,
        pointRadius: spec.type === "line" ? 2 : undefined,
        spanGaps: true
      };
    });
    var yAxis = { beginAtZero: true, stacked: !!spec.stacked, ticks: { callback: format } };
    if (spec.percent) {
      yAxis.max = 100;
    }
    canvas.chart = new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: true,
        aspectRatio: spec.type === "line" ? 1.8 : 2.2,
        locale: LOCALE,
        scales: { x: { stacked: !!spec.stacked }, y: yAxis },
        // A bar opens the list behind it (keyboard and screen-reader users have the same
        // links in the table beside the chart).
        // A stacked bar's part opens its own list (its dataset's links).
        onClick: function (_event, elements) {
          if (!elements.length) {
            return;
          }
          var part = spec.datasets[elements[0].datasetIndex] || {};
          var links = part.links || spec.links;
          if (links && links[elements[0].index]) {
            window.location.href = links[elements[0].index];
          }
        },
        onHover: function (event, elements) {
          if (spec.links || spec.datasets.some(function (d) { return d.links; })) {
            event.native.target.style.cursor = elements.length ? "pointer" : "default";
          }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + format(context.parsed.y);
              }
            }
          }
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var canvases = document.querySelectorAll("canvas.dashboard-chart[data-chart]");
    Array.prototype.forEach.call(canvases, draw);
  });
})();
