"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script } = require("./load.js");

const { fitScore, rank } = script("fit");
const collator = new Intl.Collator("nl");

const records = [
  { id: "a", name: "Alfa", facets: { factor: ["groepsdruk", "schoolverzuim"], leeftijd: ["12-15"], regio: ["landelijk"] } },
  { id: "b", name: "Beta", facets: { factor: ["groepsdruk"], leeftijd: ["16-17"], regio: ["twente"] } },
  { id: "c", name: "Gamma", facets: { factor: [], leeftijd: ["12-15"], regio: ["var-rotterdam"] } },
];

test("two points per chosen factor addressed, one for the age band", () => {
  const result = fitScore(records[0], { factors: ["groepsdruk", "schoolverzuim"], age: "12-15", step: "" });
  assert.equal(result.score, 5);
  assert.deepEqual(result.reasons.map((r) => r.kind), ["factor", "factor", "age"]);
});

test("ranking: best first, nothing with zero points, a region keeps national offer", () => {
  const answers = { factors: ["groepsdruk"], age: "", step: "", region: "twente" };
  assert.deepEqual(rank(records, answers, collator).map((item) => item.record.id), ["a", "b"]);
  assert.deepEqual(rank(records, { factors: [], age: "", step: "", region: "" }, collator), []);
});
