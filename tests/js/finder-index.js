// For tests/test_finder_index.py: what the browser's text index makes of the build's data.
// Reads {words, records, index, synonyms, queries} as JSON on stdin; writes {terms, fresh, precomputed}:
// the terms of each text, and each query's scores from the index built here and from the build's index.
"use strict";
const { script, dutchLunr } = require("./load.js");

const { makeStemmer, makeTerms, TextIndex } = script("text-index");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const stem = makeStemmer(dutchLunr());
const terms = makeTerms(stem);
const fresh = new TextIndex(input.records, terms, input.synonyms);
const precomputed = TextIndex.precomputed(input.index, terms, input.synonyms);
const scores = (index, query) => {
  const found = index.search(query);
  return found === null ? null : Array.from(found.entries()).sort((a, b) => a[0] - b[0]);
};
process.stdout.write(JSON.stringify({
  terms: Object.fromEntries(input.words.map((word) => [word, terms(word)])),
  fresh: input.queries.map((query) => scores(fresh, query)),
  precomputed: input.queries.map((query) => scores(precomputed, query)),
}));
