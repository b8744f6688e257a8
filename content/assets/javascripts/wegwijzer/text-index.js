/*
 * Dutch text search: words → stems (lunr's Dutch stemmer, to a fixpoint) → an
 * inverted index. A query term matches a stem it equals or begins.
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

  /** Inverted index over stems; a record's own name weighs more than its other text. */
  function TextIndex(records, terms) {
    this.terms = terms;
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

  /** Scores by record position; every query term must match (AND). Null for an empty query. */
  TextIndex.prototype.search = function (query) {
    var queryTerms = this.terms(query);
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

  return { fold: fold, makeStemmer: makeStemmer, makeTerms: makeTerms, TextIndex: TextIndex };
});
