// The interactive reference of the API's documentation page (Swagger UI from the locally served
// drf-spectacular-sidecar files). A file of its own rather than an inline script, so that the
// page keeps the site's Content-Security-Policy (script-src 'self'). The page reads well
// without it: the getting-started text and the links to the schema come first.
(function () {
  var node = document.getElementById("swagger-ui");
  if (!node || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: node.getAttribute("data-schema-url"),
    domNode: node,
    deepLinking: false,
    // No request to validator.swagger.io: the page talks to this site only.
    validatorUrl: null,
    tryItOutEnabled: false,
  });
})();
