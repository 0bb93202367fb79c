// The tool page's print button (no inline script under the CSP).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print-tool");
  if (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  }
});
