// Draws the evaluation results' charts (Chart.js, vendored). Each <canvas data-chart="ID">
// takes its data from the json_script element with that id; the tables below the charts hold
// the same figures for screen readers and for anyone who prefers numbers. No inline script:
// the portal's content security policy allows scripts from the site's own files only.
(function () {
  "use strict";

  // Colours with at least 3:1 contrast against white (WCAG 2.1, 1.4.11 non-text contrast).
  var COLOURS = ["#0b5ed7", "#b35900", "#198754", "#6f42c1", "#a0203c", "#495057"];
  var LOCALE = document.documentElement.lang === "en" ? "en-GB" : "da-DK";

  function formatter(spec) {
    var number = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: spec.percent ? 1 : 2 });
    return function (value) {
      return number.format(value) + (spec.percent ? " %" : "");
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var format = formatter(spec);
    var yAxis = { beginAtZero: true, ticks: { callback: format } };
    if (spec.percent) {
      yAxis.max = 100;
    } else if (spec.max) {
      yAxis.max = spec.max;
    }
    canvas.chart = new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, index) {
          var colour = COLOURS[index % COLOURS.length];
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: colour,
            borderColor: colour,
            borderWidth: 0
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        aspectRatio: 1.6,
        locale: LOCALE,
        scales: { y: yAxis },
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
    var canvases = document.querySelectorAll("canvas.evaluation-chart[data-chart]");
    Array.prototype.forEach.call(canvases, draw);
  });
})();
