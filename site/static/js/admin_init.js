// Runs the widget initialisers core.security moved out of inline scripts (the admin's CSP
// forbids inline script): <script type="application/json" data-inline-init="new|call"
// data-callee="ImageChooser">["id_hero_image", {...}]</script> becomes new ImageChooser(...).
(function () {
    "use strict";

    function lookup(path) {
        return path.split(".").reduce(function (object, key) {
            return object == null ? undefined : object[key];
        }, window);
    }

    function run(element) {
        if (element.dataset.inlineInitDone) return;
        element.dataset.inlineInitDone = "true";
        var callee = lookup(element.dataset.callee);
        if (typeof callee !== "function") {
            console.warn("Shiliu: no initialiser named " + element.dataset.callee);
            return;
        }
        var args = JSON.parse(element.textContent);
        if (element.dataset.inlineInit === "new") {
            Reflect.construct(callee, args);
        } else {
            callee.apply(null, args);
        }
    }

    function runAll(root) {
        root.querySelectorAll("script[data-inline-init]").forEach(run);
    }

    function start() {
        runAll(document);
        // Modals and panels added later (choosers, bulk actions) bring their own.
        new MutationObserver(function (records) {
            records.forEach(function (record) {
                record.addedNodes.forEach(function (node) {
                    if (node.nodeType !== 1) return;
                    if (node.matches("script[data-inline-init]")) run(node);
                    else runAll(node);
                });
            });
        }).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
})();
