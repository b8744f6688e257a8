/*
 * The fit instrument: rank interventions by how well they fit the situation
 * described. The rule is stated on the page; ``fitScore`` is that rule.
 */
(function (root, name, factory) {
  "use strict";
  var modules = typeof module === "object" && module.exports;
  var ww = root.wegwijzer = root.wegwijzer || {};
  var made = factory();
  if (modules) module.exports = made; else ww[name] = made;
})(typeof self !== "undefined" ? self : this, "fit", function () {
  "use strict";

  /** Points and reasons for one record (see "Zo wordt de score berekend" on the page). */
  function fitScore(record, answers) {
    var reasons = [];
    var score = 0;
    var factorIds = record.facets.factor || [];
    answers.factors.forEach(function (id) {
      if (factorIds.indexOf(id) !== -1) { score += 2; reasons.push({ kind: "factor", id: id }); }
    });
    if (answers.age && (record.facets.leeftijd || []).indexOf(answers.age) !== -1) {
      score += 1;
      reasons.push({ kind: "age" });
    }
    if (answers.step && (record.facets.stap || []).indexOf(answers.step) !== -1) {
      score += 1;
      reasons.push({ kind: "step" });
    }
    return { score: score, reasons: reasons };
  }

  /** Records with a score above zero, best first, ties by name; a chosen region keeps national offer. */
  function rank(records, answers, collator) {
    var ranked = [];
    records.forEach(function (record) {
      var region = (record.facets.regio || [])[0];
      if (answers.region && region !== "landelijk" && region !== answers.region) return;
      var result = fitScore(record, answers);
      if (result.score > 0) ranked.push({ record: record, score: result.score, reasons: result.reasons });
    });
    ranked.sort(function (a, b) { return (b.score - a.score) || collator.compare(a.record.name, b.record.name); });
    return ranked;
  }

  function init(form, data) {
    var output = document.getElementById("fit-results");
    var status = document.getElementById("fit-status");
    var root = form.getAttribute("data-root") || "";
    var collator = new Intl.Collator("nl");

    function answers() {
      var checked = Array.prototype.map.call(form.querySelectorAll("input[name=factor]:checked"), function (box) { return box.value; });
      return { factors: checked, age: form.elements.leeftijd.value, step: form.elements.stap.value,
               region: form.elements.regio.value };
    }

    function describe(reason) {
      if (reason.kind === "factor") {
        var factor = data.factors[reason.id];
        return (factor.kind === "risico" ? "werkt op risicofactor " : "versterkt beschermende factor ") + factor.name;
      }
      if (reason.kind === "age") return "past bij de leeftijd";
      return "hoort bij de gekozen stap in het barrièremodel";
    }

    function render() {
      var ranked = rank(data.interventions, answers(), collator);
      output.textContent = "";
      ranked.slice(0, 50).forEach(function (item) {
        var li = document.createElement("li");
        li.className = "ww-card";
        li.setAttribute("data-id", item.record.id);
        var link = document.createElement("a");
        link.className = "ww-card__title";
        link.href = root + item.record.url;
        link.textContent = item.record.name;
        var score = document.createElement("span");
        score.className = "ww-score";
        score.textContent = " score " + item.score;
        var why = document.createElement("p");
        why.className = "ww-card__meta";
        why.textContent = "Past omdat: " + item.reasons.map(describe).join("; ");
        var meta = document.createElement("p");
        meta.className = "ww-card__text";
        meta.textContent = item.record.provider + " · " + item.record.scope + " · " + item.record.teaser;
        li.append(link, score, why, meta);
        output.appendChild(li);
      });
      var count = ranked.length;
      status.textContent = count
        ? (count === 1 ? "1 passende interventie" : count + " passende interventies") +
          (count > 50 ? " (de beste 50 staan hieronder)" : "")
        : "Kies factoren, leeftijd of een stap om passende interventies te zien.";
      form.setAttribute("data-state", String(count));
    }
    form.addEventListener("change", render);
    form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
    form.hidden = false;
    render();
  }

  return { fitScore: fitScore, rank: rank, init: init };
});
