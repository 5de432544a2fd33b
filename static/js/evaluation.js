// The progress bar of a full recomputation of learning summaries: polls the run's status
// (JSON) every two seconds while it is queued or running. Without JavaScript the page
// shows the progress at the time it was loaded, and a link to reload it.
(function () {
  "use strict";

  var POLL_MILLISECONDS = 2000;

  function setUp(box) {
    var url = box.getAttribute("data-status-url");
    var bar = box.querySelector("progress");
    var hint = box.querySelector(".no-js-hint");
    if (!url || !bar) {
      return;
    }
    if (hint) {
      hint.hidden = true;
    }

    function show(data) {
      bar.value = data.percent;
      bar.textContent = data.percent + " %";
      ["status_label", "done", "total", "percent"].forEach(function (name) {
        var field = box.querySelector('[data-field="' + name + '"]');
        if (field) {
          field.textContent = String(data[name]);
        }
      });
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          show(data);
          if (data.active) {
            window.setTimeout(poll, POLL_MILLISECONDS);
          }
        })
        .catch(function () {
          // The link to reload the page is the way on from here.
          if (hint) {
            hint.hidden = false;
          }
        });
    }

    if (box.getAttribute("data-active") === "true") {
      window.setTimeout(poll, POLL_MILLISECONDS);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-status-url]").forEach(setUp);
  });
})();
