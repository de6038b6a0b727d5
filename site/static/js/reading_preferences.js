// Apply the reader's saved text size and contrast before the first paint (loaded without defer).
(function () {
    var d = document.documentElement;
    d.classList.remove("no-js");
    d.classList.add("js");
    try {
        var s = localStorage.getItem("shiliu-font-size"),
            c = localStorage.getItem("shiliu-contrast");
        if (s) d.setAttribute("data-font-size", s);
        if (c) d.setAttribute("data-contrast", c);
    } catch (e) {}
})();
