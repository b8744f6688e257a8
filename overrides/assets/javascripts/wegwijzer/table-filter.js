/*
 * Filters on tables and lists (the matrices): keep the items that hold every
 * typed word, in Dutch (stems, so "wapens" finds "wapen") and with the editors'
 * synonyms (so "mes" finds "steekwapen").
 *
 * <input data-filter-target="ID" data-filter-noun="situatie|situaties"
 *        data-synonyms="[[...]]">  filters [data-filter-item] inside #ID, or the
 * body rows when #ID is a table.
 */
(function (root, name, factory) {
  "use strict";
  var modules = typeof module === "object" && module.exports;
  var ww = root.wegwijzer = root.wegwijzer || {};
  var made = factory(modules ? require("./text-index.js") : ww["text-index"]);
  if (modules) module.exports = made; else ww[name] = made;
})(typeof self !== "undefined" ? self : this, "table-filter", function (textIndex) {
  "use strict";

  /** Which items (by position) hold every word of the query; null for an empty query. */
  function matching(index, query) {
    var scores = index.search(query);
    return scores === null ? null : new Set(scores.keys());
  }

  function makeIndex(texts, synonyms, lunr) {
    var terms = textIndex.makeTerms(textIndex.makeStemmer(lunr));
    var records = texts.map(function (text) { return { name: "", text: text }; });
    return new textIndex.TextIndex(records, terms, synonyms);
  }

  function counted(number, noun) {
    var forms = (noun || "rij|rijen").split("|");
    return number + " " + (number === 1 ? forms[0] : forms[1] || forms[0]) + " zichtbaar";
  }

  function init(input, lunr) {
    var target = document.getElementById(input.getAttribute("data-filter-target"));
    if (!target) return;
    var items = target.tBodies ? Array.prototype.slice.call(target.tBodies[0].rows)
      : Array.prototype.slice.call(target.querySelectorAll("[data-filter-item]"));
    var synonyms = [];
    try { synonyms = JSON.parse(input.getAttribute("data-synonyms") || "[]"); } catch (e) { synonyms = []; }
    var index = makeIndex(items.map(function (item) { return item.textContent; }), synonyms, lunr);
    var status = input.parentNode.querySelector("[role=status]");
    var noun = input.getAttribute("data-filter-noun");
    function apply() {
      var shown = matching(index, input.value);
      var count = 0;
      items.forEach(function (item, position) {
        var visible = shown === null || shown.has(position);
        item.hidden = !visible;
        if (visible) count++;
      });
      if (status) status.textContent = counted(count, noun);
    }
    input.addEventListener("input", apply);
    var hidden = input.closest("[hidden]");
    if (hidden) hidden.hidden = false;
    apply();
  }

  return { init: init, matching: matching, makeIndex: makeIndex, counted: counted };
});
