// Starts ReDoc with the page's CSP nonce, so the styles it writes are allowed by the
// strict Content-Security-Policy (no inline script: this file is served from static/).
(function () {
  "use strict";
  var element = document.getElementById("redoc");
  if (!element || !window.Redoc) {
    return;
  }
  window.Redoc.init(element.dataset.specUrl, { nonce: element.dataset.cspNonce }, element);
})();
