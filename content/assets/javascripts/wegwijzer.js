/*
 * Wegwijzer: finder, table filters, fit instrument and handout.
 *
 * A classic script (no modules, no fetch) so it works from file:// in the
 * offline export. Data comes from window.WEGWIJZER_DATA (a generated .js
 * file). Data text is only ever inserted with textContent.
 */
(function () {
  "use strict";

  // -------------------------------------------------------------------------
  // Dutch text search: tokens → stems (lunr's Dutch stemmer) → inverted index
  // -------------------------------------------------------------------------

  var stemCache = Object.create(null);

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function stem(word) {
    if (stemCache[word] !== undefined) return stemCache[word];
    var result = word;
    if (window.lunr && window.lunr.nl) {
      var token = new window.lunr.Token(word, {});
      if (!window.lunr.nl.stopWordFilter(token)) {
        result = "";
      } else {
        result = window.lunr.nl.stemmer(token).toString();
      }
    }
    stemCache[word] = result;
    return result;
  }

  function terms(text) {
    var out = [];
    fold(text).split(/[^a-z0-9]+/).forEach(function (word) {
      if (word.length < 2) return;
      var s = stem(word);
      if (s) out.push(s);
    });
    return out;
  }

  /** Inverted index over stems; a query term matches a stem it equals or starts. */
  function TextIndex(records) {
    this.postings = new Map();
    var self = this;
    records.forEach(function (record, position) {
      var nameTerms = new Set(terms(record.name));
      terms(record.text).forEach(function (term) {
        var list = self.postings.get(term);
        if (!list) self.postings.set(term, (list = new Map()));
        list.set(position, nameTerms.has(term) ? 3 : 1);
      });
    });
    this.vocabulary = Array.from(this.postings.keys());
  }

  /** Scores by record position; every query term must match (AND). */
  TextIndex.prototype.search = function (query) {
    var queryTerms = terms(query);
    if (!queryTerms.length) return null;
    var scores = null;
    for (var i = 0; i < queryTerms.length; i++) {
      var term = queryTerms[i];
      var hits = new Map();
      for (var v = 0; v < this.vocabulary.length; v++) {
        var candidate = this.vocabulary[v];
        if (candidate === term || (candidate.length > term.length && candidate.lastIndexOf(term, 0) === 0)) {
          this.postings.get(candidate).forEach(function (weight, position) {
            hits.set(position, Math.max(hits.get(position) || 0, candidate === term ? weight + 1 : weight));
          });
        }
      }
      if (scores === null) {
        scores = hits;
      } else {
        var next = new Map();
        scores.forEach(function (score, position) {
          if (hits.has(position)) next.set(position, score + hits.get(position));
        });
        scores = next;
      }
      if (!scores.size) break;
    }
    return scores;
  };

  // -------------------------------------------------------------------------
  // Filter state, kept in the URL fragment (#thema=a,b&q=wapen&sorteer=naam)
  // -------------------------------------------------------------------------

  function parseState(hash) {
    var state = { q: "", sort: "naam", national: false, facets: {} };
    String(hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var parts = pair.split("=");
      var key = decodeURIComponent(parts[0]);
      var value = decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
      if (key === "q") state.q = value;
      else if (key === "sorteer") state.sort = value;
      else if (key === "landelijk") state.national = value === "1";
      else if (value) state.facets[key] = new Set(value.split(","));
    });
    return state;
  }

  function serializeState(state) {
    var parts = [];
    Object.keys(state.facets).sort().forEach(function (key) {
      var values = Array.from(state.facets[key]).sort();
      if (values.length) parts.push(encodeURIComponent(key) + "=" + values.map(encodeURIComponent).join(","));
    });
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    if (state.sort && state.sort !== "naam") parts.push("sorteer=" + encodeURIComponent(state.sort));
    if (state.national) parts.push("landelijk=1");
    return parts.join("&");
  }

  /** Does a record pass every facet (optionally ignoring one, for counts)? */
  function passesFacets(record, state, ignore) {
    for (var key in state.facets) {
      if (key === ignore) continue;
      var wanted = state.facets[key];
      if (!wanted.size) continue;
      var values = record.facets[key] || [];
      var ok = false;
      for (var i = 0; i < values.length; i++) {
        if (wanted.has(values[i])) { ok = true; break; }
      }
      if (!ok && key === "regio" && state.national && values.indexOf("landelijk") !== -1) ok = true;
      if (!ok) return false;
    }
    return true;
  }

  /** Records matching the state, in display order, plus text scores. */
  function select(data, state, index) {
    var scores = state.q ? index().search(state.q) : null;
    var chosen = [];
    data.interventions.forEach(function (record, position) {
      if (scores && !scores.has(position)) return;
      if (passesFacets(record, state, null)) chosen.push(position);
    });
    var byName = function (a, b) {
      return data.interventions[a].name.localeCompare(data.interventions[b].name, "nl");
    };
    if (state.sort === "relevantie" && scores) {
      chosen.sort(function (a, b) { return (scores.get(b) - scores.get(a)) || byName(a, b); });
    } else if (state.sort === "recent") {
      chosen.sort(function (a, b) {
        var x = data.interventions[a].reviewed, y = data.interventions[b].reviewed;
        return x < y ? 1 : x > y ? -1 : byName(a, b);
      });
    } else {
      chosen.sort(byName);
    }
    return { positions: chosen, scores: scores };
  }

  function lazyIndex(data) {
    var built = null;
    return function () {
      if (!built) built = new TextIndex(data.interventions);
      return built;
    };
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  // -------------------------------------------------------------------------
  // Finder page
  // -------------------------------------------------------------------------

  function initFinder(form, data) {
    var list = document.getElementById("finder-results");
    var counter = document.getElementById("finder-count");
    var none = document.getElementById("finder-none");
    var items = new Map();
    list.querySelectorAll("li[data-id]").forEach(function (li) { items.set(li.getAttribute("data-id"), li); });
    var countLabels = new Map();
    form.querySelectorAll("[data-count-for]").forEach(function (el) { countLabels.set(el.getAttribute("data-count-for"), el); });
    var index = lazyIndex(data);
    var state = parseState(location.hash);

    function readForm() {
      var next = { q: form.elements.q.value.trim(), sort: form.elements.sorteer.value,
                   national: form.elements.landelijk.checked, facets: {} };
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        if (box.name === "landelijk") return;
        (next.facets[box.name] = next.facets[box.name] || new Set()).add(box.value);
      });
      return next;
    }

    function writeForm() {
      form.elements.q.value = state.q;
      form.elements.sorteer.value = state.sort;
      form.elements.landelijk.checked = state.national;
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name === "landelijk") return;
        box.checked = !!(state.facets[box.name] && state.facets[box.name].has(box.value));
      });
    }

    function updateCounts(scores) {
      data.facets.forEach(function (facet) {
        var tally = Object.create(null);
        data.interventions.forEach(function (record, position) {
          if (scores && !scores.has(position)) return;
          if (!passesFacets(record, state, facet.key)) return;
          (record.facets[facet.key] || []).forEach(function (value) { tally[value] = (tally[value] || 0) + 1; });
        });
        facet.options.forEach(function (option) {
          var label = countLabels.get(facet.key + "=" + option[0]);
          if (label) label.textContent = "(" + (tally[option[0]] || 0) + ")";
        });
      });
    }

    function apply(pushUrl) {
      var result = select(data, state, index);
      var shown = new Set();
      result.positions.forEach(function (position) {
        var li = items.get(data.interventions[position].id);
        if (li) { shown.add(li); list.appendChild(li); }
      });
      items.forEach(function (li) { li.hidden = !shown.has(li); });
      counter.textContent = plural(result.positions.length, "interventie gevonden", "interventies gevonden");
      none.hidden = result.positions.length > 0;
      updateCounts(result.scores);
      if (pushUrl) {
        var hash = serializeState(state);
        history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
      }
    }

    var typing = null;
    form.addEventListener("input", function (event) {
      if (event.target.name === "q") {
        clearTimeout(typing);
        typing = setTimeout(function () { state = readForm(); apply(true); }, 120);
      }
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "q") return;
      state = readForm();
      apply(true);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); state = readForm(); apply(true); });
    form.querySelector("[data-finder-reset]").addEventListener("click", function () {
      state = parseState("");
      writeForm();
      apply(true);
      form.elements.q.focus();
    });
    var handoutButton = form.querySelector("[data-finder-handout]");
    if (handoutButton) {
      handoutButton.addEventListener("click", function () {
        location.href = form.getAttribute("data-handout") + "#" + serializeState(state);
      });
    }
    window.addEventListener("hashchange", function () { state = parseState(location.hash); writeForm(); apply(false); });

    form.hidden = false;
    writeForm();
    apply(false);
  }

  // -------------------------------------------------------------------------
  // Table filters (matrices): narrow rows by text
  // -------------------------------------------------------------------------

  function initTableFilter(input) {
    var table = document.getElementById(input.getAttribute("data-filter-table"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var status = input.parentNode.querySelector("[role=status]");
    var texts = rows.map(function (row) { return fold(row.textContent); });
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (status) status.textContent = plural(shown, "rij", "rijen") + " zichtbaar";
    }
    input.addEventListener("input", apply);
    input.closest("[hidden]") && (input.closest("[hidden]").hidden = false);
    apply();
  }

  // -------------------------------------------------------------------------
  // Fit instrument: rank interventions by fit with the local situation
  // -------------------------------------------------------------------------

  /** The scoring rule, as documented on the page. */
  function fitScore(record, answers) {
    var reasons = [];
    var score = 0;
    var factorIds = record.facets.factor || [];
    answers.factors.forEach(function (id) {
      if (factorIds.indexOf(id) !== -1) { score += 2; reasons.push({ kind: "factor", id: id }); }
    });
    if (answers.age) {
      if ((record.facets.leeftijd || []).indexOf(answers.age) !== -1) { score += 1; reasons.push({ kind: "age" }); }
    }
    if (answers.step) {
      if ((record.facets.stap || []).indexOf(answers.step) !== -1) { score += 1; reasons.push({ kind: "step" }); }
    }
    return { score: score, reasons: reasons };
  }

  function initFit(form, data) {
    var output = document.getElementById("fit-results");
    var status = document.getElementById("fit-status");
    var root = form.getAttribute("data-root") || "";

    function answers() {
      var checked = Array.prototype.map.call(form.querySelectorAll("input[name=factor]:checked"), function (box) { return box.value; });
      return { factors: checked, age: form.elements.leeftijd.value, step: form.elements.stap.value,
               region: form.elements.regio.value };
    }

    function render() {
      var given = answers();
      var ranked = [];
      data.interventions.forEach(function (record) {
        var region = (record.facets.regio || [])[0];
        if (given.region && region !== "landelijk" && region !== given.region) return;
        var result = fitScore(record, given);
        if (result.score > 0) ranked.push({ record: record, score: result.score, reasons: result.reasons });
      });
      ranked.sort(function (a, b) { return (b.score - a.score) || a.record.name.localeCompare(b.record.name, "nl"); });
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
        why.textContent = "Past omdat: " + item.reasons.map(function (reason) {
          if (reason.kind === "factor") {
            var factor = data.factors[reason.id];
            return (factor.kind === "risico" ? "werkt op risicofactor " : "versterkt beschermende factor ") + factor.name;
          }
          if (reason.kind === "age") return "past bij de leeftijd";
          return "hoort bij de gekozen stap in het barrièremodel";
        }).join("; ");
        var meta = document.createElement("p");
        meta.className = "ww-card__text";
        meta.textContent = item.record.provider + " · " + item.record.scope + " · " + item.record.teaser;
        li.appendChild(link); li.appendChild(score); li.appendChild(why); li.appendChild(meta);
        output.appendChild(li);
      });
      var count = ranked.length;
      status.textContent = count
        ? plural(count, "passende interventie", "passende interventies") + (count > 50 ? " (de beste 50 staan hieronder)" : "")
        : "Kies factoren, leeftijd of een stap om passende interventies te zien.";
    }
    form.addEventListener("change", render);
    form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
    form.hidden = false;
    render();
  }

  // -------------------------------------------------------------------------
  // Handout: show the finder's selection, ready to print
  // -------------------------------------------------------------------------

  function initHandout(container, data) {
    var state = parseState(location.hash);
    var result = select(data, state, lazyIndex(data));
    var wanted = new Set(result.positions.map(function (p) { return data.interventions[p].id; }));
    var articles = container.querySelectorAll("[data-id]");
    var order = new Map(result.positions.map(function (p, i) { return [data.interventions[p].id, i]; }));
    Array.prototype.slice.call(articles)
      .sort(function (a, b) { return (order.get(a.getAttribute("data-id")) || 0) - (order.get(b.getAttribute("data-id")) || 0); })
      .forEach(function (article) {
        article.hidden = !wanted.has(article.getAttribute("data-id"));
        container.appendChild(article);
      });
    var summary = document.getElementById("handout-summary");
    summary.textContent = plural(wanted.size, "interventie", "interventies") + " geselecteerd" +
      (state.q ? " · zoekterm: " + state.q : "");
    var back = document.getElementById("handout-back");
    if (back) back.href = back.getAttribute("href").split("#")[0] + location.hash;
    var empty = document.getElementById("handout-empty");
    if (empty) empty.hidden = wanted.size > 0;
  }

  // -------------------------------------------------------------------------
  // Start
  // -------------------------------------------------------------------------

  function start() {
    var data = window.WEGWIJZER_DATA;
    document.querySelectorAll("input[data-filter-table]").forEach(initTableFilter);
    if (!data) return;
    var finder = document.getElementById("finder");
    if (finder) initFinder(finder, data);
    var fit = document.getElementById("fit");
    if (fit) initFit(fit, data);
    var handout = document.getElementById("handout");
    if (handout) initHandout(handout, data);
  }

  window.Wegwijzer = { parseState: parseState, serializeState: serializeState, terms: terms, fitScore: fitScore };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
