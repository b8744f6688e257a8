"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script, dutchLunr } = require("./load.js");

const { Catalogue } = script("catalogue");
const { parseState } = script("url-state");

const data = {
  national: "landelijk", regionFacet: "regio", ageFacet: "leeftijd",
  facets: [
    { key: "thema", options: [["wapens", "Wapens"], ["ouders", "Ouders"]] },
    { key: "regio", options: [["landelijk", "Landelijk"], ["twente", "Twente"]] },
    { key: "doelgroep", options: [["jongeren", "Jongeren"], ["ouders", "Ouders"]] },
  ],
  synonyms: [["mes", "steekwapen"]],
  interventions: [
    { id: "a", name: "Bèta", text: "wapens school", asOf: "2026-01-01",
      facets: { thema: ["wapens"], regio: ["landelijk"], doelgroep: ["jongeren"] } },
    { id: "b", name: "Alfa", text: "ouders online", asOf: "2026-03-01",
      facets: { thema: ["ouders"], regio: ["twente"], doelgroep: ["ouders"] } },
    { id: "c", name: "Gamma", text: "wapens ouders steekwapens", asOf: "2025-05-01",
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
  assert.deepEqual(ids(catalogue.evaluate(parseState("#thema=ouders&regio=twente&landelijk=0"))), ["b", "c"]);
});

test("an option's count is what ticking it would show, given the other facets", () => {
  const result = new Catalogue(data).evaluate(parseState("#regio=twente&landelijk=0"));
  assert.equal(result.tallies.thema.wapens, 1);
  assert.equal(result.tallies.thema.ouders, 2);
  assert.equal(result.tallies.regio.landelijk, 1);  // the facet in use counts what the others leave for it
});

test("national offer stays next to a chosen region unless the user hides it", () => {
  const catalogue = new Catalogue(data);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#regio=twente"))), ["b", "a", "c"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#regio=twente&landelijk=0"))), ["b", "c"]);
});

test("a filter value the data does not know is kept apart, never silently applied", () => {
  const catalogue = new Catalogue(data);
  const state = parseState("#thema=wapens,bestaat-niet&stap=oud");
  const split = catalogue.split(state);
  assert.deepEqual([...split.active.thema], ["wapens"]);
  assert.deepEqual(split.unknown, [["thema", "bestaat-niet"], ["stap", "oud"]]);
  assert.deepEqual(ids(catalogue.evaluate(state)), ["a", "c"]);
});

test("an empty result suggests the single filter to drop, with what it would give", () => {
  const catalogue = new Catalogue(data);
  const state = parseState("#thema=ouders&doelgroep=jongeren&regio=twente&landelijk=0&q=school");
  assert.deepEqual(ids(catalogue.evaluate(state)), []);
  const best = catalogue.suggestions(state)[0];
  assert.deepEqual([best.key, best.count], ["q", 1]);
  assert.ok(catalogue.suggestions(state).every((s) => s.count > 0));
});

test("a search term orders by relevance unless the user picks an order", () => {
  const catalogue = new Catalogue(data, dutchLunr());
  assert.deepEqual(ids(catalogue.evaluate(parseState("#q=wapen"))), ["a", "c"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#q=ouders"))).slice(0, 1), ["b"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#q=ouders&sorteer=naam"))), ["b", "c"]);
  assert.deepEqual(ids(catalogue.evaluate(parseState("#sorteer=recent"))), ["b", "a", "c"]);
});

test("singular and plural find the same records; synonyms widen the search", () => {
  const catalogue = new Catalogue(data, dutchLunr());
  assert.deepEqual(ids(catalogue.evaluate(parseState("#q=wapen"))), ids(catalogue.evaluate(parseState("#q=wapens"))));
  assert.deepEqual(ids(catalogue.evaluate(parseState("#q=mes"))), ["c"]);
});
