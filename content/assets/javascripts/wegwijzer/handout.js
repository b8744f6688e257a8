/*
 * The hand-out: the finder's selection (from the URL), ready to print.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["url-state"], ww.catalogue);
})(typeof self !== "undefined" ? self : this, "handout", function (urlState, catalogueModule) {
  "use strict";

  function init(container, data, lunr) {
    var state = urlState.parseState(location.hash);
    var result = new catalogueModule.Catalogue(data, lunr).evaluate(state);
    var wanted = new Set(result.positions.map(function (p) { return data.interventions[p].id; }));
    var order = new Map(result.positions.map(function (p, i) { return [data.interventions[p].id, i]; }));
    Array.prototype.slice.call(container.querySelectorAll("[data-id]"))
      .sort(function (a, b) { return (order.get(a.getAttribute("data-id")) || 0) - (order.get(b.getAttribute("data-id")) || 0); })
      .forEach(function (article) {
        article.hidden = !wanted.has(article.getAttribute("data-id"));
        container.appendChild(article);
      });
    var summary = document.getElementById("handout-summary");
    summary.textContent = (wanted.size === 1 ? "1 interventie" : wanted.size + " interventies") + " geselecteerd" +
      (state.q ? " · zoekterm: " + state.q : "");
    var back = document.getElementById("handout-back");
    if (back) back.href = back.getAttribute("href").split("#")[0] + location.hash;
    var empty = document.getElementById("handout-empty");
    if (empty) empty.hidden = wanted.size > 0;
  }

  return { init: init };
});
