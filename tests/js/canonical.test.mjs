// The form editor's YAML writer (wegwijzer/editor/admin/canonical.mjs): what the form saves changes only
// what was edited. Files are first brought into the canonical form here, as `wegwijzer fmt` does in the
// repository; tests/test_yaml_format.py checks that the two writers agree and that the results pass fmt --check.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { emit, merge, parse, spliceEntry, listItems, sentenceBreaks } = await import(
  path.join(ROOT, "wegwijzer", "editor", "admin", "canonical.mjs"));

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
// Decap hands over maps with more than 8 keys in Immutable.js hash order.
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
const HEADER = "# yaml-language-server: $schema=schema/x.schema.json";
/** A file in the canonical form, without its comments (the writer only keeps a file's form, it never makes it). */
const canonicalOf = (text) => [HEADER, "", ...emit(parse(text))].join("\n") + "\n";

test("the canonical form of every data file holds the same data, and writing it again changes nothing", () => {
  assert.ok(FILES.length > 20);
  for (const file of FILES) {
    const text = canonicalOf(fs.readFileSync(file, "utf8"));
    assert.deepEqual(parse(text), parse(fs.readFileSync(file, "utf8")), file);
    assert.equal(merge(text, parse(text), null, HEADER), text, file);
  }
});

test("one changed word in any entry of any list changes exactly one line", () => {
  let checked = 0;
  for (const file of FILES) {
    const text = canonicalOf(fs.readFileSync(file, "utf8"));
    const data = parse(text);
    for (const [key, list] of Object.entries(data)) {
      if (!Array.isArray(list)) continue;
      // Every entry of a short list; about 25 spread over a long one, the last included (each check parses the file).
      const step = Math.ceil(list.length / 25);
      list.forEach((entry, i) => {
        if (i % step && i !== list.length - 1) return;
        for (const field of ["name", "summary"]) {
          if (typeof entry?.[field] !== "string" || !entry[field].includes(" ")) continue;
          const edited = shuffleKeys({ ...entry, [field]: entry[field].replace(" ", " nieuw ") });
          const order = { keys: Object.keys(data), fields: { [key]: { items: { keys: Object.keys(entry) } } } };
          const spliced = spliceEntry(text, key, entry.id, edited, order);
          const next = clone(data);
          next[key][i] = edited;
          assert.deepEqual(parse(spliced), next, `${file} ${key}[${i}].${field}`);
          assert.deepEqual(changedLines(text, spliced), { added: 1, removed: 1 }, `${file} ${key}[${i}].${field}`);
          if (checked % 8 === 0) assert.equal(merge(text, next, order, HEADER), spliced, `${file} ${key}[${i}]`); // agree
          checked++;
        }
      });
    }
  }
  assert.ok(checked > 200, `checked ${checked}`);
});

const SMALL = `# yaml-language-server: $schema=schema/themes.schema.json
#
# Een kopje dat blijft staan.

themes:
  - id: een
    name: Een
    intro: >-
      Een lange tekst die over twee zinnen loopt en daarom gevouwen wordt.
      Dit is de tweede zin.
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

test("a new entry is added at the end in the canonical form; the rest stays byte for byte", () => {
  const out = spliceEntry(SMALL, "themes", null, { id: "drie", name: "Drie", intro: "Nieuw.", factors: ["c"],
    sources: [{ document: "bron" }] }, null);
  assert.ok(out.startsWith(SMALL), out);
  assert.equal(out.slice(SMALL.length), "  - id: drie\n    name: Drie\n    intro: Nieuw.\n    factors: [c]\n" +
    "    sources:\n      - document: bron\n");
});

test("removing an entry removes its lines only; comments stay", () => {
  const out = spliceEntry(SMALL, "themes", "een", null, null);
  assert.deepEqual(parse(out).themes.map((t) => t.id), ["twee"]);
  assert.ok(out.includes("# commentaar tussen de items") && out.includes("# Een kopje"));
  assert.deepEqual(changedLines(SMALL, out), { added: 0, removed: 8 });
});

test("a sentence added to a folded text is one line added", () => {
  const data = parse(SMALL);
  const edited = { ...data.themes[0], intro: data.themes[0].intro + " En een derde zin." };
  const out = spliceEntry(SMALL, "themes", "een", edited, null);
  assert.deepEqual(changedLines(SMALL, out), { added: 1, removed: 0 });
  assert.match(out, /      Dit is de tweede zin\.\n      En een derde zin\.\n/);
});

test("an edited id finds its entry by the old id", () => {
  const data = parse(SMALL);
  const out = spliceEntry(SMALL, "themes", "twee", { ...data.themes[1], id: "twee-b" }, null);
  assert.deepEqual(parse(out).themes.map((t) => t.id), ["een", "twee-b"]);
  assert.deepEqual(changedLines(SMALL, out), { added: 1, removed: 1 });
});

test("sentences break before a capital, not after an abbreviation", () => {
  const text = "Zie bijv. de bron. Die noemt o.a. Halt! En verder?";
  assert.deepEqual(sentenceBreaks(text).map((i) => text.slice(i + 1, i + 4)), ["Die", "Hal", "En "]);
});

test("items know their lines, so a splice touches nothing else", () => {
  const { items } = listItems(SMALL, "themes");
  assert.deepEqual(items.map((i) => [i.id, i.from, i.to]), [["een", 5, 13], ["twee", 14, 19]]);
});

test("a new file starts with its schema header", () => {
  const header = "# yaml-language-server: $schema=../schema/news.schema.json";
  assert.equal(merge(null, { id: "nieuw-bericht", name: "Nieuw", date: "2026-01-01" }, null, header),
    header + "\n\nid: nieuw-bericht\nname: Nieuw\ndate: 2026-01-01\n");
});

test("text that YAML would read as something else is quoted", () => {
  assert.deepEqual(emit({ a: "true", b: "12", c: "a: b", d: "'s avonds: laat", e: "2026-01-01", f: "12 weken", g: "-x" }),
    ["a: 'true'", "b: '12'", "c: 'a: b'", `d: "'s avonds: laat"`, "e: 2026-01-01", "f: 12 weken", "g: '-x'"]);
});
