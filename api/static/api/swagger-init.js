// Starts the vendored Swagger UI on /api/docs from the settings the page carries as JSON
// (no inline script under the portal's Content-Security-Policy).
(function () {
  const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis];
  window.ui = SwaggerUIBundle(settings);
})();
