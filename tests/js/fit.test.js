"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script } = require("./load.js");

const { rank, ageFits, answersFrom, stateFrom } = script("fit");
const { parseState, serializeState } = script("url-state");
const collator = new Intl.Collator("nl");

const data = { national: "landelijk", ageLimits: [0, 99], interventions: null };
const records = [
  { id: "a", name: "Alfa", ageMin: 12, ageMax: 15, facets: { factor: ["groepsdruk", "schoolverzuim"], regio: ["landelijk"] } },
  { id: "b", name: "Beta", ageMin: 16, ageMax: 17, facets: { factor: ["groepsdruk"], regio: ["twente"] } },
  { id: "c", name: "Gamma", ageMin: 10, ageMax: 12, facets: { factor: [], regio: ["landelijk"] } },
  { id: "d", name: "Delta", ageMin: null, ageMax: null, facets: { factor: ["criminele-vrienden"], regio: ["var"] } },
];

data.interventions = records;

function ids(answer) {
  return answer.results.map((item) => item.record.id);
}

test("only what addresses a chosen factor is a result; more factors addressed ranks first", () => {
  const answer = rank(data, { factors: ["groepsdruk", "schoolverzuim"], from: null, to: null, region: "" }, collator);
  assert.deepEqual(ids(answer), ["a", "b"]);
  assert.deepEqual(answer.results[0].factors, ["groepsdruk", "schoolverzuim"]);
  assert.deepEqual(answer.gaps, []);
});

test("age and region narrow the list but are never a reason on their own", () => {
  assert.deepEqual(ids(rank(data, { factors: [], from: 12, to: 15, region: "" }, collator)), []);
  const answer = rank(data, { factors: ["groepsdruk"], from: 14, to: 16, region: "twente" }, collator);
  assert.deepEqual(ids(answer), ["a", "b"]);  // national offer stays with a region
  assert.deepEqual(ids(rank(data, { factors: ["groepsdruk"], from: 16, to: 17, region: "" }, collator)), ["b"]);
});

test("a chosen factor nothing addresses is named as a gap", () => {
  const answer = rank(data, { factors: ["schoolverzuim", "criminele-vrienden"], from: 16, to: 17, region: "" }, collator);
  assert.deepEqual(ids(answer), ["d"]);
  assert.equal(answer.results[0].ageUnknown, true);
  assert.deepEqual(answer.gaps, ["schoolverzuim"]);
});

test("age ranges overlap; unknown ages stay", () => {
  assert.equal(ageFits(records[0], 14, 16, data.ageLimits), true);
  assert.equal(ageFits(records[2], 14, 16, data.ageLimits), false);
  assert.equal(ageFits(records[3], 14, 16, data.ageLimits), true);
  assert.equal(ageFits(records[2], null, null, data.ageLimits), true);
});

test("the answers survive the URL, a reversed range is put right", () => {
  const answers = { factors: ["groepsdruk", "schoolverzuim"], from: 14, to: 16, region: "twente" };
  const hash = serializeState(stateFrom(answers));
  assert.equal(hash, "factor=groepsdruk,schoolverzuim&regio=twente&tot=16&van=14");
  assert.deepEqual(answersFrom(parseState("#" + hash)), answers);
  const reversed = answersFrom(parseState("#van=16&tot=14&factor=x"));
  assert.deepEqual([reversed.from, reversed.to], [14, 16]);
  assert.deepEqual(answersFrom(parseState("#van=abc")).from, null);
});
