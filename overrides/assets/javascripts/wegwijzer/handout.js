/*
 * The hand-out: a selection from the finder or the fit instrument (from the URL),
 * ready to print, with what was selected, the day it was made, and the address
 * of the live selection as a link and a QR code, so a printed sheet leads back.
 * The QR code is drawn in the page (qrcode-generator, vendored): no service.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["url-state"], ww.catalogue, ww.fit, root.qrcode);
})(typeof self !== "undefined" ? self : this, "handout", function (urlState, catalogueModule, fit, qrcode) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var FIT = "fit";  // pagina=fit: the selection is the fit instrument's answer

  function facetLabels(data) {
    var labels = {};
    data.facets.forEach(function (facet) {
      facet.options.forEach(function (option) { labels[facet.key + "=" + option[0]] = facet.label + ": " + option[1]; });
    });
    return labels;
  }

  /** The finder's selection in words: "Thema: Wapens en jongeren; Regio: Twente; zoekwoord: mes". */
  function criteria(state, data, catalogue) {
    var labels = facetLabels(data);
    var parts = [];
    var active = catalogue.split(state).active;
    Object.keys(active).forEach(function (key) {
      active[key].forEach(function (value) { parts.push(labels[key + "=" + value] || key + ": " + value); });
    });
    if (state.q) parts.push("zoekwoord: " + state.q);
    if (active[data.regionFacet] && !state.national) parts.push("zonder landelijk aanbod");
    return parts.length ? parts.join("; ") : "alle interventies en aanbod";
  }

  /** The fit instrument's questions in words: "Factoren: Schoolverzuim, Criminele vrienden; leeftijd 14–16". */
  function fitCriteria(answers, data) {
    var parts = [];
    if (answers.factors.length) {
      parts.push("Factoren: " + answers.factors.map(function (id) {
        return data.factors[id] ? data.factors[id].name : id;
      }).join(", "));
    }
    if (answers.from !== null || answers.to !== null) {
      parts.push("leeftijd " + (answers.from === null ? "" : answers.from) + "–" + (answers.to === null ? "" : answers.to));
    }
    if (answers.region) parts.push(facetLabels(data)[data.regionFacet + "=" + answers.region] || answers.region);
    return parts.length ? parts.join("; ") : "nog geen factoren gekozen";
  }

  /** The selection a state stands for: ids in order, the criteria in words and the page it comes from. */
  function selection(state, data, lunr) {
    if (state.page === FIT) {
      var answers = fit.answersFrom(state, data);
      var answer = fit.rank(data, answers, new Intl.Collator("nl"));
      var ids = answer.results.concat(answer.apart).map(function (item) { return item.record.id; });
      return { ids: ids, criteria: fitCriteria(answers, data), page: data.pages.fit };
    }
    var catalogue = new catalogueModule.Catalogue(data, lunr);
    var result = catalogue.evaluate(state);
    return { ids: result.positions.concat(result.apart).map(function (p) { return data.interventions[p].id; }),
             criteria: criteria(state, data, catalogue), page: data.pages.finder };
  }

  /** The address as a QR code, drawn with SVG elements (nothing inserted as markup). */
  function drawQr(figure, address) {
    var code = qrcode(0, "M");
    code.addData(address);
    code.make();
    var count = code.getModuleCount(), margin = 4, size = count + margin * 2;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR-code met het webadres van deze selectie");
    svg.setAttribute("shape-rendering", "crispEdges");
    var background = document.createElementNS(SVG, "rect");
    background.setAttribute("width", size);
    background.setAttribute("height", size);
    background.setAttribute("fill", "#fff");
    svg.appendChild(background);
    var path = "";
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        if (code.isDark(row, col)) path += "M" + (col + margin) + " " + (row + margin) + "h1v1h-1z";
      }
    }
    var dark = document.createElementNS(SVG, "path");
    dark.setAttribute("d", path);
    dark.setAttribute("fill", "#000");
    svg.appendChild(dark);
    figure.insertBefore(svg, figure.firstChild);
  }

  function init(container, data, lunr) {
    var state = urlState.parseState(location.hash);
    var chosen = selection(state, data, lunr);
    var wanted = new Set(chosen.ids);
    var order = new Map(chosen.ids.map(function (id, i) { return [id, i]; }));
    Array.prototype.slice.call(container.querySelectorAll("[data-id]"))
      .sort(function (a, b) { return (order.get(a.getAttribute("data-id")) || 0) - (order.get(b.getAttribute("data-id")) || 0); })
      .forEach(function (article) {
        article.hidden = !wanted.has(article.getAttribute("data-id"));
        container.appendChild(article);
      });
    document.getElementById("handout-summary").textContent =
      (wanted.size === 1 ? "1 interventie" : wanted.size + " interventies") + " geselecteerd";
    document.getElementById("handout-criteria").textContent = chosen.criteria;
    var today = new Date();  // the day this hand-out is made (printed), in the reader's browser
    document.getElementById("handout-date").textContent =
      today.getDate() + " " + data.months[today.getMonth()] + " " + today.getFullYear();
    var hash = urlState.serializeState(Object.assign(urlState.parseState(location.hash), { page: "" }));
    var address = urlState.publishedAddress(data, chosen.page, hash, location.href);
    var link = document.getElementById("handout-address");
    link.href = address;
    link.textContent = address;
    drawQr(document.getElementById("handout-qr"), address);
    document.getElementById("handout-about").hidden = false;
    var back = document.getElementById("handout-back");
    if (back) back.href = (container.getAttribute("data-root") || "") + chosen.page + (hash ? "#" + hash : "");
    var empty = document.getElementById("handout-empty");
    if (empty) empty.hidden = wanted.size > 0;
    container.setAttribute("data-address", address);
    container.setAttribute("data-ready", "");
  }

  return { init: init, criteria: criteria, fitCriteria: fitCriteria, selection: selection };
});
