/*
 * Dutch text search: words → stems (lunr's Dutch stemmer, to a fixpoint) → an
 * inverted index. A query term matches a stem it equals or begins, and so do its
 * synonyms (editors keep those in data/synonyms.yaml: "mes" also finds
 * "steekwapen", "spijbelen" also finds "schoolverzuim"); see ``startsLike``.
 */
(function (root, name, factory) {
  "use strict";
  var modules = typeof module === "object" && module.exports;
  var ww = root.wegwijzer = root.wegwijzer || {};
  var made = factory();
  if (modules) module.exports = made; else ww[name] = made;
})(typeof self !== "undefined" ? self : this, "text-index", function () {
  "use strict";

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /** A function word → stem ("" for a stop word); without lunr, words stay as they are. */
  function makeStemmer(lunr) {
    var cache = Object.create(null);
    return function stem(word) {
      if (cache[word] !== undefined) return cache[word];
      var result = word;
      if (lunr && lunr.nl) {
        var token = new lunr.Token(word, {});
        result = lunr.nl.stopWordFilter(token) ? lunr.nl.stemmer(token).toString() : "";
      }
      cache[word] = result;
      return result;
    };
  }

  function makeTerms(stem) {
    return function terms(text) {
      var out = [];
      fold(text).split(/[^a-z0-9]+/).forEach(function (word) {
        if (word.length < 2) return;
        var s = stem(word);
        if (s) out.push(s);
      });
      return out;
    };
  }

  var SHORTEST_SYNONYM_PREFIX = 4;

  /**
   * Does ``term`` begin ``candidate``? The typed word may be unfinished, so it always may; a
   * synonym's stem only when it is long enough not to begin unrelated words ("steekwap" begins
   * "steekwapenbezit"; "mes", the stem of "messen", would begin "messengers").
   */
  function startsLike(candidate, term, synonym) {
    return (!synonym || term.length >= SHORTEST_SYNONYM_PREFIX) && candidate.lastIndexOf(term, 0) === 0;
  }

  /** Stem → the stems that mean the same, from the editors' groups of words. */
  function synonymMap(synonymGroups, terms) {
    var synonyms = new Map();
    (synonymGroups || []).forEach(function (group) {
      var stems = [];
      group.forEach(function (word) { terms(word).forEach(function (stem) { if (stems.indexOf(stem) === -1) stems.push(stem); }); });
      stems.forEach(function (stem) {
        var alike = synonyms.get(stem) || [];
        stems.forEach(function (other) { if (other !== stem && alike.indexOf(other) === -1) alike.push(other); });
        synonyms.set(stem, alike);
      });
    });
    return synonyms;
  }

  /** Inverted index over stems; a record's own name weighs more than its other text. */
  function TextIndex(records, terms, synonymGroups) {
    this.terms = terms;
    this.synonyms = synonymMap(synonymGroups, terms);
    var postings = new Map();
    records.forEach(function (record, position) {
      var nameTerms = new Set(terms(record.name));
      terms(record.text).forEach(function (term) {
        var list = postings.get(term);
        if (!list) postings.set(term, (list = new Map()));
        list.set(position, nameTerms.has(term) ? 3 : 1);
      });
    });
    this.vocabulary = Array.from(postings.keys());
    this.postingsAt = function (v) { return postings.get(this.vocabulary[v]); };
  }

  /**
   * The same index as the build wrote it (site/textindex.py stems as ``terms`` does), so nothing is
   * stemmed before the first query. ``index.stems`` lists every stem; ``index.postings[v]`` its records,
   * each as the gap to the previous record's position × 2, plus 1 when the stem is in the record's name.
   * A stem's records are read the first time a query reaches it.
   */
  TextIndex.precomputed = function (index, terms, synonymGroups) {
    var self = Object.create(TextIndex.prototype);
    self.terms = terms;
    self.synonyms = synonymMap(synonymGroups, terms);
    self.vocabulary = index.stems;
    var read = [];
    self.postingsAt = function (v) {
      if (read[v]) return read[v];
      var list = new Map(), position = -1, gaps = index.postings[v];
      for (var i = 0; i < gaps.length; i++) {
        position += gaps[i] >> 1;
        list.set(position, gaps[i] & 1 ? 3 : 1);
      }
      return (read[v] = list);
    };
    return self;
  };

  /** Scores by record position; every query term must match (AND). Null for an empty query. */
  TextIndex.prototype.search = function (query) {
    var queryTerms = this.terms(query);
    if (!queryTerms.length) return null;
    var scores = null;
    for (var i = 0; i < queryTerms.length; i++) {
      var hits = new Map();
      var alternatives = [queryTerms[i]].concat(this.synonyms.get(queryTerms[i]) || []);
      for (var a = 0; a < alternatives.length; a++) {
        var term = alternatives[a];
        var synonym = a > 0;  // a synonym counts a little less than the word itself
        for (var v = 0; v < this.vocabulary.length; v++) {
          var candidate = this.vocabulary[v];
          if (candidate === term || (candidate.length > term.length && startsLike(candidate, term, synonym))) {
            var exact = candidate === term;
            this.postingsAt(v).forEach(function (weight, position) {
              var score = (exact ? weight + 1 : weight) - (synonym ? 0.5 : 0);
              hits.set(position, Math.max(hits.get(position) || 0, score));
            });
          }
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

  return { fold: fold, makeStemmer: makeStemmer, makeTerms: makeTerms, TextIndex: TextIndex };
});
