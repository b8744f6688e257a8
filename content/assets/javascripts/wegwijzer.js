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
  var dutchOrder = new Intl.Collator("nl");  // far cheaper than localeCompare per comparison

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

  /** Does a record have one of the wanted values of one facet? */
  function passesFacet(record, state, key) {
    var wanted = state.facets[key];
    var values = record.facets[key] || [];
    for (var i = 0; i < values.length; i++) {
      if (wanted.has(values[i])) return true;
    }
    return key === "regio" && state.national && values.indexOf("landelijk") !== -1;
  }

  /**
   * What the finder derives from the data once (sort orders, the text index)
   * and the one pass per change that decides which records pass and what
   * every facet option would count.
   */
  function Catalogue(data) {
    this.records = data.interventions;
    this.facets = data.facets;
    this.textIndex = null;
    this.orders = Object.create(null);
    this.relevance = { query: null, order: null };
  }

  Catalogue.prototype.search = function (query) {
    if (!this.textIndex) this.textIndex = new TextIndex(this.records);
    return this.textIndex.search(query);
  };

  /** Positions of all records in a fixed sort order (computed once per order). */
  Catalogue.prototype.order = function (sort) {
    if (this.orders[sort]) return this.orders[sort];
    var records = this.records;
    var byName = function (a, b) { return dutchOrder.compare(records[a].name, records[b].name); };
    var positions = records.map(function (_, position) { return position; });
    if (sort === "recent") {
      positions.sort(function (a, b) {
        var x = records[a].reviewed, y = records[b].reviewed;
        return x < y ? 1 : x > y ? -1 : byName(a, b);
      });
    } else {
      positions.sort(byName);
    }
    return (this.orders[sort] = positions);
  };

  /** All records in display order: by relevance to the query (matches first), else fixed. */
  Catalogue.prototype.ranking = function (state, scores) {
    if (state.sort !== "relevantie" || !scores) return this.order(state.sort === "recent" ? "recent" : "naam");
    if (this.relevance.query !== state.q) {
      var byName = this.order("naam");
      var matched = byName.filter(function (p) { return scores.has(p); });
      matched.sort(function (a, b) { return scores.get(b) - scores.get(a); });  // stable: ties stay by name
      this.relevance = { query: state.q, order: matched.concat(byName.filter(function (p) { return !scores.has(p); })) };
    }
    return this.relevance.order;
  };

  /**
   * Records matching the state, in display order, and the facet counts.
   *
   * One pass: a record failing no active facet passes and counts for every
   * facet; a record failing exactly one facet counts only for that facet's
   * options (the count shows what ticking an option there would add).
   */
  Catalogue.prototype.evaluate = function (state) {
    var scores = state.q ? this.search(state.q) : null;
    var active = Object.keys(state.facets).filter(function (key) { return state.facets[key].size > 0; });
    var keys = this.facets.map(function (facet) { return facet.key; });
    var tallies = Object.create(null);
    keys.forEach(function (key) { tallies[key] = Object.create(null); });
    var passing = new Uint8Array(this.records.length);
    var tally = function (key, record) {
      var values = record.facets[key];
      if (!values) return;
      var counts = tallies[key];
      for (var v = 0; v < values.length; v++) counts[values[v]] = (counts[values[v]] || 0) + 1;
    };
    for (var position = 0; position < this.records.length; position++) {
      if (scores && !scores.has(position)) continue;
      var record = this.records[position];
      var failed = null, failures = 0;
      for (var i = 0; i < active.length && failures < 2; i++) {
        if (!passesFacet(record, state, active[i])) { failed = active[i]; failures++; }
      }
      if (failures === 0) {
        passing[position] = 1;
        for (var k = 0; k < keys.length; k++) tally(keys[k], record);
      } else if (failures === 1 && tallies[failed]) {
        tally(failed, record);
      }
    }
    var ranking = this.ranking(state, scores);
    return {
      ranking: ranking,
      positions: ranking.filter(function (p) { return passing[p] === 1; }),
      tallies: tallies,
    };
  };

  function startsWith(list, prefix) {
    if (prefix.length > list.length) return false;
    for (var i = 0; i < prefix.length; i++) {
      if (list[i] !== prefix[i]) return false;
    }
    return true;
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
    var more = document.getElementById("finder-more");
    // Results come a page at a time and only the listed cards stay in the document:
    // with thousands of hidden cards in the list, Chromium spends ~100 ms per click on
    // them, far more than finding the results takes (see BENCHMARKS.md).
    var pageSize = Number(list.getAttribute("data-page-size")) || 50;
    var limit = pageSize;
    var catalogue = new Catalogue(data);
    var byId = new Map();
    list.querySelectorAll("li[data-id]").forEach(function (li) { byId.set(li.getAttribute("data-id"), li); });
    var cards = data.interventions.map(function (record) { return byId.get(record.id) || null; });
    var listedNow = null;  // positions whose cards are in the list, in order
    var countLabels = [];
    form.querySelectorAll("[data-count-for]").forEach(function (el) {
      var parts = el.getAttribute("data-count-for").split("=");
      countLabels.push({ element: el, key: parts[0], value: parts.slice(1).join("="), text: el.textContent });
    });
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

    /** Touch the DOM only where something changed: this runs on every click. */
    function apply(pushUrl) {
      var result = catalogue.evaluate(state);
      var positions = result.positions.slice(0, limit).filter(function (position) { return cards[position]; });
      var cardsOf = function (some) { return some.map(function (position) { return cards[position]; }); };
      if (listedNow && startsWith(positions, listedNow)) {
        list.append.apply(list, cardsOf(positions.slice(listedNow.length)));  // "Toon meer", or nothing changed
      } else {
        list.replaceChildren.apply(list, cardsOf(positions));
      }
      listedNow = positions;
      var found = result.positions.length;
      var listed = Math.min(limit, found);
      counter.textContent = plural(found, "interventie gevonden", "interventies gevonden") +
        (listed < found ? ", de eerste " + listed + " staan hieronder" : "");
      none.hidden = found > 0;
      more.hidden = listed >= found;
      more.textContent = "Toon meer (nog " + (found - listed) + ")";
      countLabels.forEach(function (label) {
        var text = "(" + (result.tallies[label.key] ? result.tallies[label.key][label.value] || 0 : 0) + ")";
        if (text !== label.text) { label.element.textContent = text; label.text = text; }
      });
      if (pushUrl) {
        var hash = serializeState(state);
        history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
      }
    }

    function update(next) {
      state = next;
      limit = pageSize;
      apply(true);
    }

    var typing = null;
    form.addEventListener("input", function (event) {
      if (event.target.name === "q") {
        clearTimeout(typing);
        typing = setTimeout(function () { update(readForm()); }, 120);
      }
    });
    form.addEventListener("change", function (event) {
      if (event.target.name !== "q") update(readForm());
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(readForm()); });
    form.querySelector("[data-finder-reset]").addEventListener("click", function () {
      update(parseState(""));
      writeForm();
      form.elements.q.focus();
    });
    more.addEventListener("click", function () {
      var firstNew = limit;
      limit += pageSize;
      apply(false);
      // Keyboard and screen-reader users continue at the first card that just appeared.
      var next = list.children[firstNew];
      if (next) next.querySelector("a").focus();
    });
    var handoutButton = form.querySelector("[data-finder-handout]");
    if (handoutButton) {
      handoutButton.addEventListener("click", function () {
        location.href = form.getAttribute("data-handout") + "#" + serializeState(state);
      });
    }
    window.addEventListener("hashchange", function () {
      state = parseState(location.hash);
      limit = pageSize;
      writeForm();
      apply(false);
    });

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
      ranked.sort(function (a, b) { return (b.score - a.score) || dutchOrder.compare(a.record.name, b.record.name); });
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
    var result = new Catalogue(data).evaluate(state);
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
