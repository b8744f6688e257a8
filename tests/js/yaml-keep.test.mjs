// The editor's YAML format (wegwijzer/editor/admin/yaml-keep.mjs): what the form writes changes only what was edited.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { yamlKeep, yamlKeepWith } = await import(path.join(ROOT, "wegwijzer", "editor", "admin", "yaml-keep.mjs"));

/** Lines added and removed between two texts (as multisets). */
function changedLines(a, b) {
  const count = (xs, ys) => {
    const seen = new Map();
    xs.forEach((line) => seen.set(line, (seen.get(line) || 0) + 1));
    let missing = 0;
    ys.forEach((line) => { if (seen.get(line)) seen.set(line, seen.get(line) - 1); else missing++; });
    return missing;
  };
  const A = a.split("\n"), B = b.split("\n");
  return { added: count(A, B), removed: count(B, A) };
}
const clone = (x) => JSON.parse(JSON.stringify(x));
// Decap hands toFile() maps with more than 8 keys in Immutable.js hash order.
const shuffleKeys = (o) => Object.fromEntries(Object.entries(o).reverse());

function dataFiles(folder) {
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "schema") found.push(...dataFiles(path.join(folder, entry.name)));
    else if (entry.name.endsWith(".yaml")) found.push(path.join(folder, entry.name));
  }
  return found;
}
const FILES = [...dataFiles(path.join(ROOT, "data")), ...dataFiles(path.join(ROOT, "tests", "fixtures", "minimal"))];

test("unchanged data gives every data file back byte for byte", () => {
  assert.ok(FILES.length > 20);
  for (const file of FILES) {
    const text = fs.readFileSync(file, "utf8");
    assert.equal(yamlKeep.toFile(clone(yamlKeep.fromFile(text))), text, file);
  }
});

test("one changed name in any entry of any list changes exactly one line", () => {
  let checked = 0;
  for (const file of FILES) {
    const text = fs.readFileSync(file, "utf8");
    const data = yamlKeep.fromFile(text);
    for (const [key, list] of Object.entries(data)) {
      if (!Array.isArray(list)) continue;
      list.forEach((entry, i) => {
        if (typeof entry?.name !== "string") return;
        yamlKeep.fromFile(text);
        const next = clone(data);
        next[key][i] = shuffleKeys({ ...next[key][i], name: entry.name + " (bewerkt)" });
        const out = yamlKeep.toFile(next);
        assert.deepEqual(parseDocument(out).toJS(), next, `${file} ${key}[${i}]`);
        assert.deepEqual(changedLines(text, out), { added: 1, removed: 1 }, `${file} ${key}[${i}]`);
        checked++;
      });
    }
  }
  assert.ok(checked > 100, `checked ${checked}`);
});

const SMALL = `# yaml-language-server: $schema=schema/themes.schema.json
#
# Een kopje dat blijft staan.

themes:
  - id: een
    name: Een
    intro: >-
      Een lange tekst die over
      twee regels loopt.
    factors: [a, b]
    sources:
      - document: bron
  # commentaar tussen de items
  - id: twee
    name: Twee
    intro: Kort.
    sources:
      - document: bron
`;

test("a new entry is appended with the keys and list style of the others; comments stay", () => {
  const next = clone(yamlKeep.fromFile(SMALL));
  next.themes.push({ sources: [{ document: "bron" }], factors: ["c"], intro: "Nieuw.", name: "Drie", id: "drie" });
  const out = yamlKeep.toFile(next);
  assert.deepEqual(parseDocument(out).toJS(), next);
  assert.ok(out.endsWith("  - id: drie\n    name: Drie\n    intro: Nieuw.\n    factors: [c]\n    sources:\n      - document: bron\n"), out);
  assert.equal(changedLines(SMALL, out).removed, 0);
  assert.ok(out.includes("# commentaar tussen de items") && out.startsWith("# yaml-language-server"));
});

test("removing and reordering entries keeps the rest and its comments", () => {
  const next = clone(yamlKeep.fromFile(SMALL));
  next.themes.reverse();
  next.themes.pop();
  const out = yamlKeep.toFile(next);
  assert.deepEqual(parseDocument(out).toJS(), next);
  assert.ok(out.startsWith("# yaml-language-server: $schema=schema/themes.schema.json\n#\n# Een kopje"));
  assert.ok(!out.includes("id: een"));
});

test("an edited folded paragraph stays a folded block", () => {
  const next = clone(yamlKeep.fromFile(SMALL));
  next.themes[0].intro += " Een zin erbij.";
  const out = yamlKeep.toFile(next);
  assert.deepEqual(parseDocument(out).toJS(), next);
  assert.match(out, /    intro: >-\n      Een lange tekst die over twee regels loopt\. Een zin erbij\.\n/);
});

test("with two files under the same key, the right original is used", () => {
  const small = "items:\n  # eerste\n  - id: a\n    name: A\n";
  const big = "# groot\nitems:\n" + Array.from({ length: 12 }, (_, i) =>
    `  - id: x${i}\n    name: X${i}\n    k1: 1\n    k2: 2\n    k3: 3\n    k4: 4\n    k5: 5\n    k6: 6\n    k7: 7\n`).join("");
  const bigData = yamlKeep.fromFile(big);
  yamlKeep.fromFile(small); // loaded later, e.g. by a relation field
  const next = clone(bigData);
  next.items[3] = shuffleKeys({ ...next.items[3], name: "X3 (bewerkt)" });
  const out = yamlKeep.toFile(next);
  assert.deepEqual(changedLines(big, out), { added: 1, removed: 1 });
  assert.ok(out.startsWith("# groot\n"));
});

test("a new file of a folder starts with its schema header", () => {
  const header = "# yaml-language-server: $schema=../schema/news.schema.json\n\n";
  const out = yamlKeepWith(header).toFile({ id: "nieuw-bericht-uniek", name: "Nieuw", date: "2026-01-01" });
  assert.equal(out, header + "id: nieuw-bericht-uniek\nname: Nieuw\ndate: 2026-01-01\n");
});
