// The reader's saved text size and contrast, applied before the first paint (loaded in <head>,
// not deferred); the switches themselves are in site.js.
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  try {
    var size = localStorage.getItem("shiliu-font-size");
    var contrast = localStorage.getItem("shiliu-contrast");
    if (size) { root.setAttribute("data-font-size", size); }
    if (contrast) { root.setAttribute("data-contrast", contrast); }
  } catch (e) { /* storage blocked: the defaults apply */ }
})();
