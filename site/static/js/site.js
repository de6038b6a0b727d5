// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var root = document.documentElement;

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: keep for this page only */ }
  }

  // Text size and contrast switches for elderly readers; the choice persists.
  var tools = document.querySelector("[data-reading-tools]");
  if (tools) {
    tools.hidden = false;
    var sizeButtons = tools.querySelectorAll("[data-font-size]");
    var contrastButton = tools.querySelector("[data-contrast-toggle]");
    var refresh = function () {
      var size = root.getAttribute("data-font-size") || "normal";
      sizeButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-font-size") === size));
      });
      contrastButton.setAttribute("aria-pressed", String(root.getAttribute("data-contrast") === "high"));
    };
    sizeButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        var size = button.getAttribute("data-font-size");
        root.setAttribute("data-font-size", size);
        store("shiliu-font-size", size);
        refresh();
      });
    });
    contrastButton.addEventListener("click", function () {
      var high = root.getAttribute("data-contrast") !== "high";
      if (high) { root.setAttribute("data-contrast", "high"); } else { root.removeAttribute("data-contrast"); }
      store("shiliu-contrast", high ? "high" : "normal");
      refresh();
    });
    refresh();
  }

  // The header's search and menu are <details> that work alone; with this script one open
  // panel closes the other, Escape or a tap outside closes them, and search puts the cursor
  // in its field.
  var panels = document.querySelectorAll("[data-header-panel]");
  panels.forEach(function (panel) {
    panel.addEventListener("toggle", function () {
      if (!panel.open) { return; }
      panels.forEach(function (other) { if (other !== panel) { other.open = false; } });
      var field = panel.querySelector("input[type=search]");
      if (field) { field.focus(); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    panels.forEach(function (panel) {
      if (panel.open) {
        panel.open = false;
        panel.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    panels.forEach(function (panel) {
      if (panel.open && !panel.contains(event.target)) { panel.open = false; }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
