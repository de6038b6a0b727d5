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

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
