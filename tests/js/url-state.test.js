"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { script } = require("./load.js");

const { parseState, serializeState, emptyState } = script("url-state");

test("a state survives the trip through the URL", () => {
  const state = { q: "wapens op school", sort: "recent", national: false,
                  facets: { thema: new Set(["lvb", "wapens-en-jongeren"]), rol: new Set(["docent"]) } };
  const hash = serializeState(state);
  assert.equal(hash, "rol=docent&thema=lvb,wapens-en-jongeren&q=wapens%20op%20school&sorteer=recent&landelijk=0");
  const back = parseState("#" + hash);
  assert.deepEqual([...back.facets.thema].sort(), ["lvb", "wapens-en-jongeren"]);
  assert.equal(back.q, "wapens op school");
  assert.equal(back.sort, "recent");
  assert.equal(back.national, false);
});

test("defaults (best-match order, national offer shown) and empty values stay out of the URL", () => {
  assert.equal(serializeState(emptyState()), "");
  assert.equal(emptyState().national, true);
  assert.equal(serializeState({ q: "", sort: "", national: true, facets: { thema: new Set() } }), "");
  assert.equal(serializeState({ q: "", sort: "naam", national: true, facets: {} }), "sorteer=naam");
});

test("a malformed fragment never throws and keeps what it cannot decode", () => {
  const broken = parseState("#q=%E0%A4%A");
  assert.equal(broken.q, "%E0%A4%A");
  const unknown = parseState("#thema=%zz,lvb&&=&sorteer=");
  assert.deepEqual([...unknown.facets.thema], ["%zz", "lvb"]);
  assert.equal(unknown.sort, "");
  assert.deepEqual(Object.keys(parseState("#=x").facets), [""]);
});

test("plus signs and encoded commas in values", () => {
  const state = parseState("#q=mes+op+school&thema=a%2Cb");
  assert.equal(state.q, "mes op school");
  assert.deepEqual([...state.facets.thema], ["a,b"]);
});

test("pins keep the order they were pinned, at most four, and survive the URL", () => {
  const { parseState, serializeState, togglePin } = script("url-state");
  const state = parseState("#thema=wapens");
  for (const id of ["d", "a", "c", "b"]) assert.equal(togglePin(state, id), true);
  assert.equal(togglePin(state, "e"), false);  // a fifth is refused
  assert.equal(serializeState(state), "thema=wapens&vergelijk=d,a,c,b");
  assert.deepEqual(parseState("#" + serializeState(state)).pins, ["d", "a", "c", "b"]);
  assert.equal(togglePin(state, "a"), true);
  assert.deepEqual(state.pins, ["d", "c", "b"]);
});
