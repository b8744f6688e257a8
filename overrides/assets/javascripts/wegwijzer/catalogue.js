/*
 * The catalogue: which records pass the finder's state, in what order, and
 * what every facet option would count. Pure data in, data out (no DOM), so
 * the finder, the hand-out and the unit tests share it.
 */
(function (root, name, factory) {
  "use strict";
  var modules = typeof module === "object" && module.exports;
  var ww = root.wegwijzer = root.wegwijzer || {};
  var need = modules ? function (n) { return require("./" + n + ".js"); } : function (n) { return ww[n]; };
  var made = factory(need("text-index"), need("ages"));
  if (modules) module.exports = made; else ww[name] = made;
})(typeof self !== "undefined" ? self : this, "catalogue", function (textIndex, ages) {
  "use strict";

  /**
   * Does a record have one of the wanted values of one facet? National offer (the data's ``national``
   * region value) counts for a region if asked.
   */
  function passesFacet(record, state, key, national, regionFacet) {
    var wanted = state.facets[key];
    var values = record.facets[key] || [];
    for (var i = 0; i < values.length; i++) {
      if (wanted.has(values[i])) return true;
    }
    return key === regionFacet && state.national && values.indexOf(national) !== -1;
  }

  /**
   * What the finder derives from the data once (sort orders, the text index)
   * and the one pass per change that decides which records pass and what
   * every facet option would count.
   */
  function Catalogue(data, lunr) {
    this.records = data.interventions;
    this.facets = data.facets;
    this.national = data.national;
    this.ageFacet = data.ageFacet;  // the facet whose filter shows an unknown age apart (ages.js)
    this.regionFacet = data.regionFacet;  // the facet where national offer stays with a region
    this.known = Object.create(null);  // facet key → Set of values the data has
    var known = this.known;
    data.facets.forEach(function (facet) {
      known[facet.key] = new Set(facet.options.map(function (option) { return option[0]; }));
    });
    this.synonyms = data.synonyms || [];
    this.terms = textIndex.makeTerms(textIndex.makeStemmer(lunr));
    this.textIndex = data.textIndex;  // made by the build (site/textindex.py); records with text are indexed here
    this.index = null;
    this.orders = Object.create(null);
    this.relevance = { query: null, order: null };
    this.collator = new Intl.Collator("nl");  // far cheaper than localeCompare per comparison
  }

  Catalogue.prototype.search = function (query) {
    if (!this.index) {
      this.index = this.textIndex
        ? textIndex.TextIndex.precomputed(this.textIndex, this.terms, this.synonyms)
        : new textIndex.TextIndex(this.records, this.terms, this.synonyms);
    }
    return this.index.search(query);
  };

  /** The state's filters split into those the data knows and those it does not (a stale or mistyped link). */
  Catalogue.prototype.split = function (state) {
    var known = this.known, active = {}, unknown = [];
    Object.keys(state.facets).forEach(function (key) {
      state.facets[key].forEach(function (value) {
        if (known[key] && known[key].has(value)) (active[key] = active[key] || new Set()).add(value);
        else unknown.push([key, value]);
      });
    });
    return { active: active, unknown: unknown };
  };

  /** For an empty result: how many results each single change would give (drop one filter, or the query). */
  Catalogue.prototype.suggestions = function (state) {
    var self = this, found = [];
    var filters = this.split(state).active;
    Object.keys(filters).forEach(function (key) {
      filters[key].forEach(function (value) {
        var without = copyState(state);
        without.facets[key].delete(value);
        found.push({ key: key, value: value, count: self.evaluate(without).positions.length });
      });
    });
    if (state.q) {
      var noQuery = copyState(state);
      noQuery.q = "";
      found.push({ key: "q", value: state.q, count: this.evaluate(noQuery).positions.length });
    }
    return found.filter(function (s) { return s.count > 0; }).sort(function (a, b) { return b.count - a.count; });
  };

  function copyState(state) {
    var facets = {};
    Object.keys(state.facets).forEach(function (key) { facets[key] = new Set(state.facets[key]); });
    return { q: state.q, sort: state.sort, national: state.national, page: state.page, pins: (state.pins || []).slice(),
             facets: facets };
  }

  /** Positions of all records in a fixed sort order (computed once per order). */
  Catalogue.prototype.order = function (sort) {
    if (this.orders[sort]) return this.orders[sort];
    var records = this.records, collator = this.collator;
    var byName = function (a, b) { return collator.compare(records[a].name, records[b].name); };
    var positions = records.map(function (_, position) { return position; });
    if (sort === "recent") {
      positions.sort(function (a, b) {
        var x = records[a].asOf || "", y = records[b].asOf || "";
        return x < y ? 1 : x > y ? -1 : byName(a, b);
      });
    } else if (sort === "erkenning") {  // strongest evidence for crime and behaviour first (facts.evidence)
      positions.sort(function (a, b) { return (records[b].evidence - records[a].evidence) || byName(a, b); });
    } else {
      positions.sort(byName);
    }
    return (this.orders[sort] = positions);
  };

  /** All records in display order: by relevance to the query (matches first), else fixed. */
  Catalogue.prototype.ranking = function (state, scores) {
    var bestMatch = state.sort === "" || state.sort === "relevantie";
    if (!bestMatch || !scores) return this.order(state.sort === "recent" || state.sort === "erkenning" ? state.sort : "naam");
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
   * options (the count shows what ticking an option there would add). With an
   * age filter, a record whose age is not known and that passes every other
   * facet is listed apart (``apart``), as the fit instrument does.
   */
  Catalogue.prototype.evaluate = function (state) {
    var scores = state.q ? this.search(state.q) : null;
    var filters = this.split(state).active;
    var active = Object.keys(filters);
    state = { q: state.q, sort: state.sort, national: state.national, facets: filters };
    var keys = this.facets.map(function (facet) { return facet.key; });
    var tallies = Object.create(null);
    keys.forEach(function (key) { tallies[key] = Object.create(null); });
    var passing = new Uint8Array(this.records.length);  // 1: passes; 2: passes, but its age is not known
    var ageFacet = this.ageFacet, ageAsked = active.indexOf(ageFacet) !== -1;
    var tally = function (key, record) {
      var values = record.facets[key];
      if (!values) return;
      var counts = tallies[key];
      for (var v = 0; v < values.length; v++) counts[values[v]] = (counts[values[v]] || 0) + 1;
    };
    for (var position = 0; position < this.records.length; position++) {
      if (scores && !scores.has(position)) continue;
      var record = this.records[position];
      var unknownAge = ageAsked && !ages.known(record);
      var failed = null, failures = 0;
      for (var i = 0; i < active.length && failures < 2; i++) {
        if (unknownAge && active[i] === ageFacet) continue;
        if (!passesFacet(record, state, active[i], this.national, this.regionFacet)) { failed = active[i]; failures++; }
      }
      if (failures === 0 && unknownAge) {
        passing[position] = 2;
      } else if (failures === 0) {
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
      apart: ranking.filter(function (p) { return passing[p] === 2; }),
      tallies: tallies,
    };
  };

  return { Catalogue: Catalogue, passesFacet: passesFacet, copyState: copyState };
});
