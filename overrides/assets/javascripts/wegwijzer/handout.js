/*
 * The hand-out: the finder's selection (from the URL), ready to print, with
 * what was selected, the day it was made and where it comes from.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["url-state"], ww.catalogue);
})(typeof self !== "undefined" ? self : this, "handout", function (urlState, catalogueModule) {
  "use strict";

  /** The selection in words: "Thema: Wapens en jongeren; Regio: Twente; zoekwoord: mes". */
  function criteria(state, data, catalogue) {
    var labels = {};
    data.facets.forEach(function (facet) {
      facet.options.forEach(function (option) { labels[facet.key + "=" + option[0]] = facet.label + ": " + option[1]; });
    });
    var parts = [];
    var active = catalogue.split(state).active;
    Object.keys(active).forEach(function (key) {
      active[key].forEach(function (value) { parts.push(labels[key + "=" + value] || key + ": " + value); });
    });
    if (state.q) parts.push("zoekwoord: " + state.q);
    if (active.regio && !state.national) parts.push("zonder landelijk aanbod");
    return parts.length ? parts.join("; ") : "alle interventies en aanbod";
  }

  function init(container, data, lunr) {
    var state = urlState.parseState(location.hash);
    var catalogue = new catalogueModule.Catalogue(data, lunr);
    var result = catalogue.evaluate(state);
    var wanted = new Set(result.positions.map(function (p) { return data.interventions[p].id; }));
    var order = new Map(result.positions.map(function (p, i) { return [data.interventions[p].id, i]; }));
    Array.prototype.slice.call(container.querySelectorAll("[data-id]"))
      .sort(function (a, b) { return (order.get(a.getAttribute("data-id")) || 0) - (order.get(b.getAttribute("data-id")) || 0); })
      .forEach(function (article) {
        article.hidden = !wanted.has(article.getAttribute("data-id"));
        container.appendChild(article);
      });
    document.getElementById("handout-summary").textContent =
      (wanted.size === 1 ? "1 interventie" : wanted.size + " interventies") + " geselecteerd";
    document.getElementById("handout-criteria").textContent = criteria(state, data, catalogue);
    var today = new Date();  // the day this hand-out is made (printed), in the reader's browser
    document.getElementById("handout-date").textContent =
      today.getDate() + " " + data.months[today.getMonth()] + " " + today.getFullYear();
    var address = document.getElementById("handout-address");
    if (!address.textContent.trim()) address.textContent = location.href.split("#")[0];
    document.getElementById("handout-about").hidden = false;
    var back = document.getElementById("handout-back");
    if (back) back.href = back.getAttribute("href").split("#")[0] + location.hash;
    var empty = document.getElementById("handout-empty");
    if (empty) empty.hidden = wanted.size > 0;
    container.setAttribute("data-ready", "");
  }

  return { init: init, criteria: criteria };
});
