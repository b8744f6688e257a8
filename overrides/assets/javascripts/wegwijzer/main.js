/*
 * Start whatever this page has: the finder, the fit instrument, the hand-out,
 * the comparison, what works for what, matrix filters. Classic scripts (no modules, no fetch), so everything works
 * from file:// in the offline export. Data comes from window.WEGWIJZER_DATA
 * (a generated .js file) and is only ever inserted with textContent.
 */
(function (root) {
  "use strict";
  var ww = root.wegwijzer || {};

  function start() {
    if (ww["table-filter"]) {
      document.querySelectorAll("input[data-filter-target]").forEach(function (input) {
        ww["table-filter"].init(input, root.lunr);
      });
    }
    var data = root.WEGWIJZER_DATA;
    if (!data) return;
    var finder = document.getElementById("finder");
    if (finder) ww.finder.init(finder, data, root.lunr);
    var fit = document.getElementById("fit");
    if (fit) ww.fit.init(fit, data);
    var handout = document.getElementById("handout");
    if (handout) ww.handout.init(handout, data, root.lunr);
    var compare = document.getElementById("compare");
    if (compare) ww.compare.init(compare, data);
    var evidence = document.getElementById("evidence");
    if (evidence) ww.evidence.init(evidence, data, root.lunr);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(self);
