"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script, dutchLunr } = require("./load.js");

const { Catalogue } = script("catalogue");
const { parseState } = script("url-state");

const data = {
  facets: [{ key: "thema" }, { key: "regio" }, { key: "doelgroep" }],
  interventions: [
    { id: "a", name: "Bèta", text: "wapens school", reviewed: "2026-01-01",
      facets: { thema: ["wapens"], regio: ["landelijk"], doelgroep: ["jongeren"] } },
    { id: "b", name: "Alfa", text: "ouders online", reviewed: "2026-03-01",
      facets: { thema: ["ouders"], regio: ["twente"], doelgroep: ["ouders"] } },
    { id: "c", name: "Gamma", text: "wapens ouders", reviewed: "2025-05-01",
      facets: { thema: ["wapens", "ouders"], regio: ["twente"], doelgroep: ["ouders", "jongeren"] } },
  ],
};

function ids(result) {
  return result.positions.map((p) => data.interventions[p].id);
}

test("without filters everything is listed by name (Dutch order, accents folded)", () => {
  const result = new Catalogue(data).evaluate(parseState(""));
  assert.deepEqual(ids(result), ["b", "a", "c"]);
});

test("facets combine: any value within a facet, all facets together", () => {
  const catalogue = new Catalogue(data);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#thema=wapens,ouders&doelgroep=jongeren"))), ["a", "c"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#thema=wapens&regio=twente"))), ["c"]);
});

test("an option's count is what ticking it would show, given the other facets", () => {
  const result = new Catalogue(data).evaluate(parseState("#regio=twente"));
  assert.equal(result.tallies.thema.wapens, 1);
  assert.equal(result.tallies.thema.ouders, 2);
  assert.equal(result.tallies.regio.landelijk, 1);  // the facet in use counts what the others leave for it
});

test("national offer is added to a chosen region only when asked", () => {
  const catalogue = new Catalogue(data);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#regio=twente"))), ["b", "c"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#regio=twente&landelijk=1"))), ["b", "a", "c"]);
});

test("text search narrows; relevance order puts the best match first", () => {
  const catalogue = new Catalogue(data, dutchLunr());
  assert.deepEqual(ids(catalogue.evaluate(parseState("#q=wapen"))), ["a", "c"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#q=ouders&sorteer=relevantie"))).slice(0, 1), ["b"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#sorteer=recent"))), ["b", "a", "c"]);
});
