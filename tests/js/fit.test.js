"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script } = require("./load.js");

const { rank, answersFrom, stateFrom } = script("fit");
const { Catalogue } = script("catalogue");
const ages = script("ages");
const { parseState, serializeState } = script("url-state");
const collator = new Intl.Collator("nl");

const data = {
  national: "landelijk", ageLimits: [0, 99], ageFacet: "leeftijd", regionFacet: "regio", factorFacet: "factor",
  facets: [{ key: "leeftijd", options: [["12-15", "12–15"], ["16-17", "16–17"]] },
           { key: "factor", options: [["groepsdruk", "Groepsdruk"], ["schoolverzuim", "Schoolverzuim"]] }],
  interventions: [
    { id: "a", name: "Alfa", ageMin: 12, ageMax: 15, facets: { factor: ["groepsdruk", "schoolverzuim"], regio: ["landelijk"], leeftijd: ["12-15"] } },
    { id: "b", name: "Beta", ageMin: 16, ageMax: 17, facets: { factor: ["groepsdruk"], regio: ["twente"], leeftijd: ["16-17"] } },
    { id: "c", name: "Gamma", ageMin: 10, ageMax: 12, facets: { factor: [], regio: ["landelijk"], leeftijd: ["12-15"] } },
    { id: "d", name: "Delta", ageMin: null, ageMax: null, facets: { factor: ["criminele-vrienden", "groepsdruk"], regio: ["var"], leeftijd: [] } },
  ],
};
const records = data.interventions;

function ids(items) {
  return items.map((item) => item.record.id);
}

test("only what addresses a chosen factor is a result; more factors addressed ranks first", () => {
  const answer = rank(data, { factors: ["groepsdruk", "schoolverzuim"], from: null, to: null, region: "" }, collator);
  assert.deepEqual(ids(answer.results), ["a", "b", "d"]);
  assert.deepEqual(answer.results[0].factors, ["groepsdruk", "schoolverzuim"]);
  assert.deepEqual(answer.gaps, []);
});

test("age and region narrow the list but are never a reason on their own", () => {
  assert.deepEqual(ids(rank(data, { factors: [], from: 12, to: 15, region: "" }, collator).results), []);
  const answer = rank(data, { factors: ["groepsdruk"], from: 14, to: 16, region: "twente" }, collator);
  assert.deepEqual(ids(answer.results), ["a", "b"]);  // national offer stays with a region
  assert.deepEqual(ids(rank(data, { factors: ["groepsdruk"], from: 16, to: 17, region: "" }, collator).results), ["b"]);
});

test("an unknown age is shown apart and does not fill a gap for the asked age", () => {
  const answer = rank(data, { factors: ["schoolverzuim", "criminele-vrienden"], from: 16, to: 17, region: "" }, collator);
  assert.deepEqual(ids(answer.results), []);
  assert.deepEqual(ids(answer.apart), ["d"]);
  assert.deepEqual(answer.gaps, ["schoolverzuim", "criminele-vrienden"]);
});

test("the finder and the fit instrument apply one age rule: the same results, the same apart", () => {
  const fit = rank(data, { factors: ["groepsdruk"], from: 12, to: 15, region: "" }, collator);
  const finder = new Catalogue(data).evaluate(parseState("#factor=groepsdruk&leeftijd=12-15"));
  const name = (p) => records[p].id;
  assert.deepEqual(finder.positions.map(name).sort(), ids(fit.results).sort());
  assert.deepEqual(finder.apart.map(name), ids(fit.apart));
  assert.deepEqual(finder.apart.map(name), ["d"]);
});

test("ages overlap; an open end stands for the data's limits", () => {
  assert.equal(ages.overlaps(records[0], 14, 16, data.ageLimits), true);
  assert.equal(ages.overlaps(records[2], 14, 16, data.ageLimits), false);
  assert.equal(ages.overlaps({ ageMin: 16, ageMax: null }, 30, null, data.ageLimits), true);
  assert.equal(ages.known(records[3]), false);
});

test("the answers survive the URL, a reversed range is put right", () => {
  const answers = { factors: ["groepsdruk", "schoolverzuim"], from: 14, to: 16, region: "twente" };
  const hash = serializeState(stateFrom(answers, data));
  assert.equal(hash, "factor=groepsdruk,schoolverzuim&regio=twente&tot=16&van=14");
  assert.deepEqual(answersFrom(parseState("#" + hash), data), answers);
  const reversed = answersFrom(parseState("#van=16&tot=14&factor=x"), data);
  assert.deepEqual([reversed.from, reversed.to], [14, 16]);
  assert.deepEqual(answersFrom(parseState("#van=abc"), data).from, null);
});
