// After a refused submit, move the keyboard and screen-reader focus to the error summary
// (WCAG 2.1: 3.3.1 error identification; the summary links each error to its field).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
