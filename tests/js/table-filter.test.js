"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script, dutchLunr } = require("./load.js");

const { makeIndex, matching, counted } = script("table-filter");

const situations = [
  "Wapenincident op school: een leerling heeft een steekwapen bij zich",
  "Signalen over een problematische jeugdgroep",
  "Zorgwekkend online bericht met credible messengers",
];

test("matrix filter: Dutch stems, every word must match, synonyms count", () => {
  const index = makeIndex(situations, [["mes", "steekwapen", "wapen"]], dutchLunr());
  assert.equal(matching(index, ""), null);
  assert.deepEqual([...matching(index, "wapens")], [0]);  // "mes" as a synonym does not find "messengers"
  assert.deepEqual([...matching(index, "mes")].sort(), [0, 2]);  // a word's start matches too ("messengers")
  assert.deepEqual([...matching(index, "mes school")], [0]);
  assert.deepEqual([...matching(index, "jeugdgroepen")], [1]);
  assert.equal(matching(index, "fiets").size, 0);
  const compounds = makeIndex(["Steekwapenbezit op straat", "Credible messengers"], [["mes", "messen", "steekwapen"]],
    dutchLunr());
  assert.deepEqual([...matching(compounds, "wapen")], []);
  assert.deepEqual([...matching(compounds, "steekwapens")], [0]);  // a long enough synonym begins a compound
  assert.deepEqual([...matching(compounds, "spijbelen")], []);
});

test("the count reads as Dutch, singular and plural", () => {
  assert.equal(counted(1, "situatie|situaties"), "1 situatie zichtbaar");
  assert.equal(counted(3, "situatie|situaties"), "3 situaties zichtbaar");
  assert.equal(counted(0, null), "0 rijen zichtbaar");
});
