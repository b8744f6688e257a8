/*
 * The fit instrument: which interventions address the factors that play, for
 * this age and region, and which factor nothing in the toolbox addresses.
 *
 * The rule (stated on the page) is ``rank``: a result must address at least
 * one chosen factor; age and region only narrow the list, they are never a
 * reason on their own. The page's state is kept in the URL fragment
 * (#factor=a,b&van=14&tot=16&regio=twente), so a result can be shared.
 */
(function (root, name, factory) {
  "use strict";
  var modules = typeof module === "object" && module.exports;
  var ww = root.wegwijzer = root.wegwijzer || {};
  var need = modules ? function (n) { return require("./" + n + ".js"); } : function (n) { return ww[n]; };
  var made = factory(need("url-state"), need("ages"));
  if (modules) module.exports = made; else ww[name] = made;
})(typeof self !== "undefined" ? self : this, "fit", function (urlState, ages) {
  "use strict";

  /**
   * The instrument's answer: results (best first, ties by name) with the chosen
   * factors each addresses, the chosen factors nothing of the asked age
   * addresses, and — apart, as the finder does (ages.js) — what addresses them
   * but has no known age.
   */
  function rank(data, answers, collator) {
    var results = [], apart = [];
    var addressed = new Set();
    var ageAsked = answers.from !== null || answers.to !== null;
    data.interventions.forEach(function (record) {
      var region = (record.facets[data.regionFacet] || [])[0];
      if (answers.region && region !== data.national && region !== answers.region) return;
      var unknownAge = ageAsked && !ages.known(record);
      if (ageAsked && !unknownAge && !ages.overlaps(record, answers.from, answers.to, data.ageLimits)) return;
      var factors = record.facets[data.factorFacet] || [];
      var hits = answers.factors.filter(function (id) { return factors.indexOf(id) !== -1; });
      if (!hits.length) return;
      if (unknownAge) { apart.push({ record: record, factors: hits }); return; }
      hits.forEach(function (id) { addressed.add(id); });
      results.push({ record: record, factors: hits });
    });
    var order = function (a, b) {
      return (b.factors.length - a.factors.length) || collator.compare(a.record.name, b.record.name);
    };
    results.sort(order);
    apart.sort(order);
    var gaps = answers.factors.filter(function (id) { return !addressed.has(id); });
    return { results: results, apart: apart, gaps: gaps };
  }

  function number(value) {
    var parsed = parseInt(value, 10);
    return isNaN(parsed) ? null : Math.max(0, Math.min(parsed, 99));
  }

  function answersFrom(state, data) {
    var one = function (key) { return state.facets[key] ? Array.from(state.facets[key])[0] : ""; };
    var from = number(one("van")), to = number(one("tot"));
    if (from !== null && to !== null && from > to) { var swap = from; from = to; to = swap; }
    return { factors: Array.from(state.facets[data.factorFacet] || []), from: from, to: to,
             region: one(data.regionFacet) };
  }

  function stateFrom(answers, data) {
    var state = urlState.emptyState();
    if (answers.factors.length) state.facets[data.factorFacet] = new Set(answers.factors);
    if (answers.from !== null) state.facets.van = new Set([String(answers.from)]);
    if (answers.to !== null) state.facets.tot = new Set([String(answers.to)]);
    if (answers.region) state.facets[data.regionFacet] = new Set([answers.region]);
    return state;
  }

  function init(form, data) {
    var output = document.getElementById("fit-results");
    var status = document.getElementById("fit-status");
    var gapsList = document.getElementById("fit-gaps");
    var jump = document.getElementById("fit-jump");
    var apartList = document.getElementById("fit-apart");
    var apartBlock = document.getElementById("fit-apart-block");
    var copied = document.getElementById("fit-copied");
    var collator = new Intl.Collator("nl");
    var cards = new Map();
    document.querySelectorAll("#fit-cards > li[data-id]").forEach(function (li) { cards.set(li.getAttribute("data-id"), li); });

    function read() {
      var factors = Array.prototype.map.call(form.querySelectorAll("input[name=factor]:checked"), function (box) { return box.value; });
      return { factors: factors, from: number(form.elements.van.value), to: number(form.elements.tot.value),
               region: form.elements.regio.value };
    }

    function write(answers) {
      form.querySelectorAll("input[name=factor]").forEach(function (box) { box.checked = answers.factors.indexOf(box.value) !== -1; });
      form.elements.van.value = answers.from === null ? "" : answers.from;
      form.elements.tot.value = answers.to === null ? "" : answers.to;
      form.elements.regio.value = answers.region;
    }

    function factorName(id) {
      return data.factors[id] ? data.factors[id].name : id;
    }

    function gapItem(id) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode("Geen interventie in de toolbox werkt op “" + factorName(id) + "”."));
      var turnTo = (data.factors[id] && data.factors[id].turnTo) || [];
      if (turnTo.length) {
        li.appendChild(document.createTextNode(" Je kunt hiermee terecht bij: "));
        turnTo.forEach(function (place, index) {
          var link = document.createElement("a");
          link.href = (form.getAttribute("data-root") || "") + place.url;
          link.textContent = place.name;
          if (index) li.appendChild(document.createTextNode(", "));
          li.appendChild(link);
        });
        li.appendChild(document.createTextNode("."));
      }
      return li;
    }

    function card(item) {
      var copy = cards.get(item.record.id).cloneNode(true);
      copy.removeAttribute("id");
      var why = document.createElement("p");
      why.className = "ww-card__why";
      why.textContent = "Werkt op: " + item.factors.map(factorName).join(", ");
      copy.insertBefore(why, copy.children[1]);
      return copy;
    }

    var state = "";
    function render(pushUrl) {
      var answers = read();
      var answer = rank(data, answers, collator);
      output.replaceChildren.apply(output, answer.results.map(card));
      apartList.replaceChildren.apply(apartList, answer.apart.map(card));
      apartBlock.hidden = !answer.apart.length;
      gapsList.replaceChildren.apply(gapsList, answer.gaps.map(gapItem));
      var count = answer.results.length;
      status.textContent = !answers.factors.length
        ? "Vink factoren aan om te zien welke interventies erop werken."
        : (count === 1 ? "1 interventie werkt" : count + " interventies werken") + " op jouw factoren" +
          (answer.gaps.length ? "; niet voor elke factor is iets te vinden (zie hieronder)." : ".") +
          (answer.apart.length ? " Van " + answer.apart.length + " is de leeftijd niet bekend (onderaan)." : "");
      jump.textContent = (answers.factors.length ? status.textContent.replace(/[.;].*$/, "") : "Nog geen factoren gekozen") +
        " — bekijk de uitkomst";
      var hash = state = urlState.serializeState(stateFrom(answers, data));
      if (pushUrl) history.replaceState(null, "", hash ? "#" + hash : location.pathname);
      form.setAttribute("data-state", hash);
    }

    form.addEventListener("change", function () { render(true); });
    form.addEventListener("input", function (event) { if (event.target.type === "number") render(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); render(true); });
    form.querySelector("[data-fit-reset]").addEventListener("click", function () {
      write({ factors: [], from: null, to: null, region: "" });
      render(true);
    });
    document.querySelector("[data-fit-copy]").addEventListener("click", function () {
      urlState.copyLink(urlState.publishedAddress(data, data.pages.fit, state, location.href), copied);
    });
    document.querySelector("[data-fit-handout]").addEventListener("click", function () {
      location.href = form.getAttribute("data-handout") + "#" + urlState.serializeState(
        Object.assign(urlState.parseState(state), { page: "fit" }));
    });
    write(answersFrom(urlState.parseState(location.hash), data));
    form.hidden = false;
    render(false);
    form.setAttribute("data-ready", "");
  }

  return { rank: rank, answersFrom: answersFrom, stateFrom: stateFrom, init: init };
});
