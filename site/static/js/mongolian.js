// Vertical Mongolian pages scroll sideways. A mouse wheel scrolls up and down, so over the
// content region a vertical wheel turn moves the columns instead, until the region's edge,
// where the page scrolls as usual. Keyboard (the region is focusable), touch and trackpads
// work without this script.
(function () {
  "use strict";
  var LINE = 40; // pixels per wheel "line" (Firefox reports lines)
  // The region's height comes from CSS alone (dynamic viewport units less the header's fixed
  // height, in mongolian.css): nothing to measure here.

  document.querySelectorAll(".vertical-main").forEach(function (region) {
    region.addEventListener("wheel", function (event) {
      if (event.ctrlKey || Math.abs(event.deltaX) >= Math.abs(event.deltaY)) {
        return; // zooming, or already a sideways gesture
      }
      var delta = event.deltaY * (event.deltaMode === 1 ? LINE : event.deltaMode === 2 ? region.clientWidth : 1);
      var max = region.scrollWidth - region.clientWidth;
      var next = Math.min(max, Math.max(0, region.scrollLeft + delta));
      if (max <= 0 || next === region.scrollLeft) {
        return;
      }
      event.preventDefault();
      region.scrollLeft = next;
    }, { passive: false });
  });
})();
