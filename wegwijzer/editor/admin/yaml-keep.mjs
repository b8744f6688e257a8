// yaml-keep: a Decap CMS custom format that writes a YAML data file back with
// its comments, key order, quoting and line breaks intact, so that a change in
// the form becomes a minimal diff (one field -> one line).
//
// Decap's built-in YAML format parses a file into plain data and stringifies
// that data from scratch (yaml@1.x): every comment is dropped, long strings
// are re-folded at 80 columns, `[a, b]` becomes a block list, quotes change,
// and maps with more than 8 keys come back in Immutable.js hash order.
//
// How this format works:
//   fromFile(text)  parses with yaml@2 (YAML 1.2 core schema: 2026-11-24 stays
//                   a string, as with Decap's own parser) and remembers the
//                   original text.
//   toFile(data)    finds the remembered original of this file, applies the
//                   new data to a parsed copy of it (maps key by key, lists
//                   matched by `id`, else by position; unchanged scalars keep
//                   their node and so their style and comments), renders the
//                   old and the new document the same way, and three-way
//                   merges (node-diff3) the original text with that rendered
//                   change. Lines the editor did not touch stay byte for byte.
//                   The result is parsed again and must equal the new data;
//                   if it does not, the rendered document is written instead
//                   (comments kept, some formatting noise), never wrong data.
//
// A brand-new file (a new news item) starts with the schema header the
// project's files carry. Register before CMS.init() (see index.html): one
// format per file pattern, named in the generated config.yml.
import { Document, parseDocument, isMap, isSeq, isScalar } from 'yaml';
import { diff3Merge } from 'node-diff3';

// Rendering for the changed parts: no line wrapping (the project's `wegwijzer
// fmt` never wraps either), `[a, b]` without inner padding, two-space indent
// with list items indented under their key, single quotes where quotes are
// needed.
const RENDER = { lineWidth: 0, flowCollectionPadding: false, indent: 2, indentSeq: true,
  singleQuote: true };
const MAX_REMEMBERED = 200;
const remembered = []; // { text, keys, tops: Map(key -> { json, items: Set }) }

const isPlainObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);
const keyOf = pair => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

// JSON with the keys of every map sorted: Decap hands over maps with more
// than 8 keys in Immutable.js hash order, so plain JSON.stringify would differ.
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v).filter(k => v[k] !== undefined).sort()
      .map(k => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function fingerprint(data) {
  const tops = new Map();
  if (isPlainObject(data)) {
    for (const [k, v] of Object.entries(data)) {
      tops.set(k, { json: canonical(v),
        items: new Set(Array.isArray(v) ? v.map(canonical) : []),
        ids: new Set(Array.isArray(v) ? v.map(idOf).filter(id => id !== null) : []) });
    }
  }
  return { keys: [...tops.keys()].sort().join('\u0000'), tops };
}

function remember(text, data) {
  const fp = fingerprint(data);
  const i = remembered.findIndex(r => r.text === text);
  if (i >= 0) remembered.splice(i, 1);
  remembered.push({ text, ...fp });
  if (remembered.length > MAX_REMEMBERED) remembered.shift();
}

// The remembered original that is most like `data`: same top-level keys, most
// top-level values and list items unchanged (the latest one wins a tie). Files
// with the same top-level keys and nothing else in common match none: the
// data is then written fresh rather than into the wrong file's layout.
function findOriginal(data) {
  const fp = fingerprint(data);
  const candidates = remembered.filter(r => r.keys === fp.keys);
  let best = null;
  let bestScore = -1;
  for (const r of candidates) {
    let score = 0;
    for (const [k, cur] of fp.tops) {
      const old = r.tops.get(k);
      if (old.json === cur.json) score += 1000;
      for (const item of cur.items) if (old.items.has(item)) score += 1;
      for (const id of cur.ids) if (old.ids.has(id)) score += 1; // an edited entry keeps its id
    }
    if (score >= bestScore) { best = r; bestScore = score; }
  }
  const distinct = new Set(candidates.map(r => r.text)).size;
  return bestScore > 0 || distinct === 1 ? best : null;
}

// Union of the key orders of the maps in a list: the order new entries follow.
// `flow` holds the keys whose value the first sibling that has it writes in
// flow style (`themes: [a, b]`, `age: {min: 12, max: 23}`).
function siblingKeyOrder(seq) {
  const order = [];
  const seen = new Set();
  order.flow = new Set();
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    for (const p of item.items) {
      const k = keyOf(p);
      if (!order.includes(k)) order.push(k);
      if (!seen.has(k) && (isSeq(p.value) || isMap(p.value))) {
        seen.add(k);
        if (p.value.flow) order.flow.add(k);
      }
    }
  }
  return order;
}

function newPair(doc, k, value, order) {
  const node = create(doc, value, []);
  if (order && order.flow && order.flow.has(k) && (isSeq(node) || isMap(node)) &&
      node.items.every(x => isScalar(x) || (x.value !== undefined && isScalar(x.value)))) {
    node.flow = true;
  }
  return doc.createPair(k, node);
}

function orderKeys(keys, order) {
  const rank = k => { const i = order.indexOf(k); return i < 0 ? Infinity : i; };
  return keys.map((k, i) => [k, i]).sort((a, b) => (rank(a[0]) - rank(b[0])) || (a[1] - b[1]))
    .map(([k]) => k);
}

function create(doc, value, order) {
  if (isPlainObject(value)) {
    const node = doc.createNode({});
    for (const k of orderKeys(Object.keys(value), order || [])) {
      if (value[k] === undefined) continue;
      node.items.push(newPair(doc, k, value[k], order));
    }
    return node;
  }
  if (Array.isArray(value)) {
    const node = doc.createNode([]);
    for (const v of value) node.items.push(create(doc, v, []));
    return node;
  }
  return doc.createNode(value);
}

const idOf = v => (isPlainObject(v) && v.id != null ? String(v.id) : null);
function nodeId(node) {
  if (!isMap(node)) return null;
  const v = node.get('id');
  return v == null ? null : String(v);
}

// Make `node` hold `value`, reusing nodes (and so their comments and styles)
// wherever the value did not change. `order` is the key order for new keys.
function apply(doc, node, value, order) {
  if (isPlainObject(value)) {
    if (!isMap(node)) return create(doc, value, order);
    node.items = node.items.filter(p => value[keyOf(p)] !== undefined);
    const added = [];
    for (const k of Object.keys(value)) {
      if (value[k] === undefined) continue;
      const pair = node.items.find(p => keyOf(p) === k);
      if (pair) pair.value = apply(doc, pair.value, value[k], []);
      else added.push(k);
    }
    // A new key goes after the last present key that precedes it in the key
    // order of the sibling maps; a key unknown there goes last.
    const known = order || [];
    for (const k of orderKeys(added, known)) {
      const pos = known.indexOf(k);
      let at = node.items.length;
      if (pos >= 0) {
        const before = known.slice(0, pos);
        at = 0;
        node.items.forEach((p, i) => { if (before.includes(keyOf(p))) at = i + 1; });
      }
      node.items.splice(at, 0, newPair(doc, k, value[k], order));
    }
    return node;
  }
  if (Array.isArray(value)) {
    if (!isSeq(node)) return create(doc, value, []);
    const order = siblingKeyOrder(node);
    const old = node.items;
    const used = new Set();
    const byId = new Map();
    for (const n of old) { const id = nodeId(n); if (id !== null && !byId.has(id)) byId.set(id, n); }
    const newIds = new Set(value.map(idOf).filter(id => id !== null));
    node.items = value.map((v, i) => {
      let match = null;
      const id = idOf(v);
      const here = old[i] && !used.has(old[i]) ? old[i] : null;
      if (id !== null && byId.has(id) && !used.has(byId.get(id))) {
        match = byId.get(id);
      } else if (here && id === null && nodeId(here) === null) {
        match = here; // entries without ids: by position
      } else if (here && id !== null && !byId.has(id) && nodeId(here) !== null &&
                 !newIds.has(nodeId(here))) {
        match = here; // the entry's id itself was edited
      }
      if (match) { used.add(match); return apply(doc, match, v, order); }
      return create(doc, v, order);
    });
    return node;
  }
  if (isScalar(node)) {
    if (node.value === value) return node;
    if (typeof node.value === typeof value && value !== null) { node.value = value; return node; }
    const fresh = doc.createNode(value);
    fresh.comment = node.comment;
    fresh.commentBefore = node.commentBefore;
    return fresh;
  }
  return create(doc, value, order);
}

const sameData = (a, b) => canonical(a) === canonical(b);

function render(data, sortedKeys) {
  const doc = new Document();
  doc.contents = create(doc, data, sortedKeys || []);
  return doc.toString(RENDER);
}

function toFile(data, sortedKeys = [], header = '') {
  const original = findOriginal(data);
  let out;
  if (!original) {
    out = header + render(data, sortedKeys);
  } else {
    const base = parseDocument(original.text);
    const changed = parseDocument(original.text);
    changed.contents = apply(changed, changed.contents, data, sortedKeys);
    const o = base.toString(RENDER);
    const b = changed.toString(RENDER);
    if (o === b) {
      out = original.text;
    } else {
      const split = s => s.split('\n');
      const merged = [];
      for (const region of diff3Merge(split(original.text), split(o), split(b),
        { excludeFalseConflicts: true })) {
        if (region.ok) merged.push(...region.ok);
        else merged.push(...region.conflict.b); // the edited data wins where both differ
      }
      out = merged.join('\n');
      let check = null;
      try { check = parseDocument(out).toJS(); } catch (e) { check = null; }
      if (!sameData(check, parseDocument(b).toJS())) {
        console.warn('yaml-keep: merge check failed, writing the re-rendered document');
        out = b;
      }
    }
  }
  if (!out.endsWith('\n')) out += '\n';
  remember(out, parseDocument(out).toJS());
  return out;
}

function fromFile(content) {
  const doc = parseDocument(content, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new Error(`YAML parsing error:\n${doc.errors.map(e => e.message).join('\n')}`);
  }
  const data = doc.toJS();
  remember(content, data);
  return data;
}

export const yamlKeep = { fromFile, toFile };

/** The format for files of one pattern: a new file starts with `header`. */
export function yamlKeepWith(header) {
  return { fromFile, toFile: (data, sortedKeys = []) => toFile(data, sortedKeys, header) };
}
