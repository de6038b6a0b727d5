// The album lightbox: a native <dialog> over the thumbnail grid. Without JS every thumbnail is
// a link to the photo's own page; with it, the same link opens the lightbox there, the address
// follows the photo shown, and arrows, Escape and swipes page through and close.
(function () {
  "use strict";
  var grid = document.querySelector("[data-lightbox]");
  var dialog = document.querySelector("[data-lightbox-dialog]");
  if (!grid || !dialog || typeof dialog.showModal !== "function") { return; }

  var items = Array.prototype.slice.call(grid.querySelectorAll("[data-lightbox-item]"));
  var image = dialog.querySelector("[data-lightbox-image]");
  var counter = dialog.querySelector("[data-lightbox-counter]");
  var caption = dialog.querySelector("[data-lightbox-caption]");
  var credit = dialog.querySelector("[data-lightbox-credit]");
  var albumUrl = location.pathname.replace(/photo\/\d+\/$/, "");
  var current = 0;
  var opener = null;

  function show(index) {
    current = (index + items.length) % items.length;
    var item = items[current];
    image.src = item.getAttribute("data-large");
    image.width = Number(item.getAttribute("data-width"));
    image.height = Number(item.getAttribute("data-height"));
    image.alt = item.getAttribute("data-caption") || "";
    counter.textContent = (current + 1) + " / " + items.length;
    caption.textContent = item.getAttribute("data-caption") || "";
    var name = item.getAttribute("data-credit");
    credit.textContent = name ? credit.getAttribute("data-label") + " " + name : "";
    history.replaceState({ photo: current + 1 }, "", item.getAttribute("href"));
    // Load the next photo ahead, so paging feels immediate on a slow connection.
    var next = items[(current + 1) % items.length];
    if (next) { new Image().src = next.getAttribute("data-large"); }
  }

  function open(index) {
    opener = items[index];
    show(index);
    if (!dialog.open) { dialog.showModal(); }
  }

  dialog.addEventListener("close", function () {
    history.replaceState(null, "", albumUrl);
    image.removeAttribute("src");
    if (opener) { opener.focus(); }
  });

  items.forEach(function (item, index) {
    item.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey) { return; }
      event.preventDefault();
      open(index);
    });
  });
  dialog.querySelector("[data-lightbox-previous]").addEventListener("click", function () { show(current - 1); });
  dialog.querySelector("[data-lightbox-next]").addEventListener("click", function () { show(current + 1); });
  dialog.querySelector("[data-lightbox-close]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });

  // Escape closes a modal dialog natively. In vertical Mongolian, "next" still runs left to right.
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight" || event.key === "ArrowDown") { event.preventDefault(); show(current + 1); }
    if (event.key === "ArrowLeft" || event.key === "ArrowUp") { event.preventDefault(); show(current - 1); }
  });

  var startX = null;
  var startY = null;
  dialog.addEventListener("pointerdown", function (event) { startX = event.clientX; startY = event.clientY; });
  dialog.addEventListener("pointerup", function (event) {
    if (startX === null) { return; }
    var dx = event.clientX - startX;
    var dy = event.clientY - startY;
    startX = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) { show(dx < 0 ? current + 1 : current - 1); }
  });
  dialog.addEventListener("touchstart", function (event) {
    startX = event.touches[0].clientX; startY = event.touches[0].clientY;
  }, { passive: true });
  dialog.addEventListener("touchend", function (event) {
    if (startX === null) { return; }
    var touch = event.changedTouches[0];
    var dx = touch.clientX - startX;
    var dy = touch.clientY - startY;
    startX = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) { show(dx < 0 ? current + 1 : current - 1); }
  });

  // A shared photo address (…/photo/3/) opens the lightbox on that photo.
  var start = Number(grid.getAttribute("data-lightbox-open"));
  if (start >= 1 && start <= items.length) { open(start - 1); }
})();
