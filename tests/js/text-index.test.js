"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script, dutchLunr } = require("./load.js");

const { fold, makeStemmer, makeTerms, TextIndex } = script("text-index");

test("folding drops case and accents", () => {
  assert.equal(fold("Één Barrière"), "een barriere");
});

test("Dutch singular and plural meet (the stemmer runs to a fixpoint)", () => {
  const terms = makeTerms(makeStemmer(dutchLunr()));
  assert.deepEqual(terms("wapens"), terms("wapen"));
  assert.deepEqual(terms("jongeren"), terms("jongere"));
  assert.deepEqual(terms("de en het"), []);  // stop words
});

test("without lunr, words are matched as written", () => {
  const terms = makeTerms(makeStemmer(undefined));
  assert.deepEqual(terms("Wapens, ouders!"), ["wapens", "ouders"]);
});

test("every query term must match; a record's own name weighs more; prefixes match", () => {
  const terms = makeTerms(makeStemmer(dutchLunr()));
  const records = [
    { name: "Wapens en jongeren", text: "wapens jongeren school" },
    { name: "Ouders in gesprek", text: "ouders wapens online" },
    { name: "Online spel", text: "online spel jongeren" },
  ];
  const index = new TextIndex(records, terms);
  assert.deepEqual([...index.search("wapen").keys()].sort(), [0, 1]);
  assert.ok(index.search("wapen").get(0) > index.search("wapen").get(1));
  assert.deepEqual([...index.search("wapen online").keys()], [1]);
  assert.deepEqual([...index.search("onli").keys()].sort(), [1, 2]);
  assert.equal(index.search("   "), null);
  assert.equal(index.search("fiets").size, 0);
});

test("an index made at build time reads as the one made here", () => {
  const terms = makeTerms(makeStemmer(dutchLunr()));
  const records = [
    { name: "Wapens en jongeren", text: "wapens jongeren school" },
    { name: "Ouders in gesprek", text: "ouders wapens online" },
    { name: "Online spel", text: "online spel jongeren" },
  ];
  // As site/textindex.py writes it: sorted stems; per stem the gap to the previous record × 2, + 1 in the name.
  const stems = [...new Set(records.flatMap((r) => terms(r.text)))].sort();
  const postings = stems.map((stem) => {
    let previous = -1;
    return records.flatMap((record, position) => {
      if (!terms(record.text).includes(stem)) return [];
      const gap = (position - previous) * 2 + (terms(record.name).includes(stem) ? 1 : 0);
      previous = position;
      return [gap];
    });
  });
  const built = TextIndex.precomputed({ stems, postings }, terms, [["spel", "game"]]);
  const fresh = new TextIndex(records, terms, [["spel", "game"]]);
  for (const query of ["wapen", "onli", "wapen online", "game", "fiets", "  "]) {
    const a = built.search(query), b = fresh.search(query);
    assert.deepEqual(a && [...a.entries()].sort(), b && [...b.entries()].sort(), query);
  }
});
