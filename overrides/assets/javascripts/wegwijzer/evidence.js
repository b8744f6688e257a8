/*
 * What works for what, for the finder's selection: the page lists every
 * recognised intervention; the finder's state in the URL (#leeftijd=12-15&regio=…)
 * hides those it does not select, and counts, bubbles and "geen erkende
 * interventie" follow. Bubble radius = scale × √count, the rule charts.py uses.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["url-state"], ww.catalogue);
})(typeof self !== "undefined" ? self : this, "evidence", function (urlState, catalogueModule) {
  "use strict";

  function init(page, data, lunr) {
    var catalogue = new catalogueModule.Catalogue(data, lunr);
    var filterNote = document.getElementById("evidence-filter");

    function apply() {
      var state = urlState.parseState(location.hash);
      state.pins = [];
      var split = catalogue.split(state);
      var filtered = Object.keys(split.active).length > 0 || !!state.q;
      var result = catalogue.evaluate(state);
      var chosen = new Set(result.positions.concat(result.apart).map(function (p) { return data.interventions[p].id; }));
      page.querySelectorAll(".ww-evidence__view").forEach(function (view) {
        var svg = view.querySelector("svg.ww-bubbles");
        var scale = Number(svg.getAttribute("data-scale"));
        view.querySelectorAll("tbody tr").forEach(function (row) {
          var any = false;
          row.querySelectorAll("td").forEach(function (cell) {
            var count = 0;
            cell.querySelectorAll("li[data-id]").forEach(function (item) {
              item.hidden = filtered && !chosen.has(item.getAttribute("data-id"));
              if (!item.hidden) count++;
            });
            any = any || count > 0;
            var bubble = svg.querySelector("circle[data-row='" + row.getAttribute("data-row") + "'][data-strength='" +
                                           cell.getAttribute("data-strength") + "']");
            if (bubble) bubble.setAttribute("r", String(Math.round(scale * Math.sqrt(count) * 100) / 100));
          });
          row.querySelector(".ww-evidence__gap").hidden = any;
        });
      });
      filterNote.hidden = !filtered;
      if (filtered) {
        var labels = [];
        data.facets.forEach(function (facet) {
          (split.active[facet.key] || new Set()).forEach(function (value) {
            var option = facet.options.filter(function (o) { return o[0] === value; })[0];
            labels.push(facet.label + ": " + (option ? option[1] : value));
          });
        });
        if (state.q) labels.push("zoekwoord: " + state.q);
        document.getElementById("evidence-criteria").textContent = labels.join("; ");
        document.getElementById("evidence-back").href = page.getAttribute("data-finder") + location.hash;
      }
      page.setAttribute("data-state", urlState.serializeState(state));
    }

    document.getElementById("evidence-all").addEventListener("click", function (event) {
      event.preventDefault();
      history.replaceState(null, "", location.pathname);
      apply();
    });
    window.addEventListener("hashchange", apply);
    apply();
    page.setAttribute("data-ready", "");
  }

  return { init: init };
});
