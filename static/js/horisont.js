// Small enhancements on top of pages that work without JavaScript. The Content-Security-
// Policy allows scripts from our own static files only, so everything lives here.
(function () {
  "use strict";

  // Formsets: an "add another" button that copies the formset's empty form. Without
  // JavaScript the button stays hidden and the formset's blank rows do the job.
  function setUpFormset(formset) {
    var prefix = formset.getAttribute("data-formset");
    var total = formset.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = formset.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var template = formset.querySelector("template[data-formset-template]");
    var forms = formset.querySelector("[data-formset-forms]");
    var button = formset.querySelector("[data-formset-add]");
    if (!total || !template || !forms || !button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) {
        return;
      }
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var added = holder.firstElementChild;
      forms.appendChild(added);
      total.value = String(index + 1);
      var first = added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  // List filters: on a small screen they fold behind their summary, so the results come
  // first; a form with errors stays open.
  function foldFilters(panel) {
    var below = panel.getAttribute("data-fold-below");
    if (!below) {
      return;
    }
    var small = window.matchMedia("(max-width: " + below + ")");
    if (small.matches && !panel.querySelector(".form-errors")) {
      panel.open = false;
    }
    // Growing past the fold (a turned tablet) shows the filters again: there the summary
    // that opens them is not shown.
    small.addEventListener("change", function (event) {
      if (!event.matches) {
        panel.open = true;
      }
    });
  }

  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-formset]"), setUpFormset);
    Array.prototype.forEach.call(document.querySelectorAll("details[data-fold-below]"), foldFilters);
    // After a failed submit, take keyboard and screen-reader users to the list of errors.
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
