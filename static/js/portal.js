// After a refused submit, move the keyboard and screen-reader focus to the error summary
// (WCAG 2.1: 3.3.1 error identification; the summary links each error to its field).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});

// A small form on a page (an action: propose times, record a contact, decline, pay …) that
// the server refused sent the user back to the page with the reason in a message at the top
// and the form closed and empty. The server hands back what was typed and why
// (requests_app.views.actions.remember_refused, as JSON in #refused-form): open that form
// again, fill it in, and put the reason beside it with the focus on it.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("refused-form");
  if (!source) {
    return;
  }
  var refused = JSON.parse(source.textContent);
  var form = Array.prototype.find.call(document.forms, function (candidate) {
    return new URL(candidate.action, window.location.href).pathname === refused.action;
  });
  if (!form) {
    return;
  }
  var values = {};
  refused.data.forEach(function (pair) {
    (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
  });
  Array.prototype.forEach.call(form.elements, function (field) {
    var given = values[field.name];
    if (!given || field.type === "hidden" || field.type === "file" || field.type === "submit") {
      return;
    }
    if (field.type === "checkbox" || field.type === "radio") {
      field.checked = given.indexOf(field.value) !== -1;
    } else if (field.tagName === "SELECT") {
      Array.prototype.forEach.call(field.options, function (option) {
        option.selected = given.indexOf(option.value) !== -1;
      });
    } else {
      field.value = given[0];
    }
  });
  for (var open = form.closest("details"); open; open = open.parentElement.closest("details")) {
    open.open = true;
  }
  var alert = document.createElement("div");
  alert.className = "alert alert-danger refused-form-error";
  alert.setAttribute("role", "alert");
  alert.id = "refused-form-error";
  alert.tabIndex = -1;
  alert.textContent = refused.error;
  form.insertBefore(alert, form.firstChild);
  // The same words at the top of the page are now beside the form.
  Array.prototype.forEach.call(document.querySelectorAll("main > [aria-live] > .alert-danger"), function (top) {
    if (top.textContent === refused.error) {
      top.remove();
    }
  });
  // After the page's own scroll to its #fragment, which would take the focus away again.
  function focusReason() {
    window.setTimeout(function () {
      alert.focus();
      alert.scrollIntoView({ block: "center" });
    }, 0);
  }
  if (document.readyState === "complete") {
    focusReason();
  } else {
    window.addEventListener("load", focusReason);
  }
});

// A table wider than the screen scrolls sideways inside its box (.table-responsive). While it
// overflows, the box takes a place in the tab order so that a keyboard can scroll it (WCAG
// 2.1.1; axe's scrollable-region-focusable), as a region named by its table's caption or the
// heading before it. A box whose template already made it a region is left as it is.
(function () {
  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    for (var node = box.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return node.textContent.trim();
      }
    }
    return document.documentElement.lang === "en" ? "Table" : "Tabel";
  }

  function mark(root) {
    (root || document).querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.hasAttribute("tabindex") && !box.hasAttribute("data-scroll-region")) {
        return;
      }
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("data-scroll-region", "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box));
      } else if (box.hasAttribute("data-scroll-region")) {
        ["data-scroll-region", "tabindex", "role", "aria-label"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }

  var pending = null;
  document.addEventListener("DOMContentLoaded", function () { mark(document); });
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { mark(document); }, 150);
  });
  document.addEventListener("htmx:afterSettle", function () { mark(document); });
})();
