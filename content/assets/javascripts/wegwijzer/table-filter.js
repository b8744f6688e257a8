/*
 * Matrix tables: narrow the rows to those containing every typed word.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["text-index"]);
})(typeof self !== "undefined" ? self : this, "table-filter", function (textIndex) {
  "use strict";

  function init(input) {
    var table = document.getElementById(input.getAttribute("data-filter-table"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var status = input.parentNode.querySelector("[role=status]");
    var texts = rows.map(function (row) { return textIndex.fold(row.textContent); });
    function apply() {
      var words = textIndex.fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (status) status.textContent = (shown === 1 ? "1 rij" : shown + " rijen") + " zichtbaar";
    }
    input.addEventListener("input", apply);
    var hidden = input.closest("[hidden]");
    if (hidden) hidden.hidden = false;
    apply();
  }

  return { init: init };
});
