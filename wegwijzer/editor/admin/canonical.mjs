// The form editor's YAML writer: the canonical form of wegwijzer/editor/yamlformat.py,
// rule for rule (a test compares the two on every shipped file), so what the form
// saves passes `wegwijzer fmt --check` and a change of one field is a change of one line.
//
//   emit(data)                     the canonical lines of a document (no comments)
//   emitEntry(entry, indent)       the canonical lines of one list item
//   merge(text, data, order, hdr)  `text` (the file as it is) rewritten to hold `data`:
//                                  a three-way merge of the old text with the canonical
//                                  forms of its data and of the new data, so comments and
//                                  every line the change does not touch stay as they are.
//   spliceEntry(...)               one item of a list file replaced, added or removed.
import { parseDocument, LineCounter, isMap, isSeq } from 'yaml';
import { diff3Merge } from 'node-diff3';

const INDENT = 2;
const FOLD_ABOVE = 80;
const SENTENCE_BREAK = /[.!?]["'”’)\]]*( )(?=\S)/g;
const NEEDS_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;
const NOT_TEXT = /^(?:~|null|Null|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF|[yYnN]|<<|=|[-+]?(?:\.?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|\.(?:inf|Inf|INF|nan|NaN|NAN)))$/;
const MARKDOWN_BLOCK = /^(?:[-*+>#]|[0-9]+[.)])(?:\s|$)/;
const PLAIN_START = /^[^\s\-?:,[\]{}#&*!|>'"%@`.]/;
const TOKEN = /^[^\s,[\]{}]+$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const isLowercase = (c) => c.toLowerCase() === c && c.toUpperCase() !== c;

/** Positions of the spaces where a one-line text is folded onto a new line (one sentence per line). */
export function sentenceBreaks(text) {
  const found = [];
  for (const m of text.matchAll(SENTENCE_BREAK)) {
    const space = m.index + m[0].length - 1;
    if (!isLowercase(text[space + 1])) found.push(space);
  }
  return found;
}

function plain(text) {
  return text !== '' && text === text.trim() && !NEEDS_ESCAPE.test(text) && !/[\n\t\r]/.test(text) &&
    PLAIN_START.test(text) && !text.includes(': ') && !text.includes(' #') && !text.endsWith(':') &&
    !NOT_TEXT.test(text);
}

const singleQuoted = (text) => `'${text.replaceAll("'", "''")}'`;
const ESCAPES = { '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\x00': '\\0' };

function doubleQuoted(text) {
  let out = '';
  for (const char of text) {
    if (ESCAPES[char]) out += ESCAPES[char];
    else if (NEEDS_ESCAPE.test(char)) {
      const code = char.codePointAt(0);
      out += code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
        : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += char;
  }
  return `"${out}"`;
}

function number(value) {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  return String(value);
}

/** A scalar on one line (a key's value, a list item, an item of a flow list). */
export function inlineScalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return number(value);
  const text = String(value);
  if (plain(text)) return text;
  if (NEEDS_ESCAPE.test(text) || /[\n\r\t']/.test(text)) return doubleQuoted(text);
  return singleQuoted(text);
}

const foldable = (line) => line !== '' && line === line.trim() && !NEEDS_ESCAPE.test(line) && !/[\t\r]/.test(line);

function foldedLines(text) {
  const paragraphs = text.split('\n');
  if (!(paragraphs[0] && paragraphs[paragraphs.length - 1]) ||
      !paragraphs.every((p) => !p || (foldable(p) && !MARKDOWN_BLOCK.test(p)))) return null;
  if (paragraphs.length === 1 && ([...text].length <= FOLD_ABOVE || sentenceBreaks(text).length === 0)) return null;
  const lines = [];
  paragraphs.forEach((paragraph, number) => {
    if (number) lines.push('');
    if (!paragraph) return;
    const starts = [0, ...sentenceBreaks(paragraph).map((b) => b + 1)];
    const ends = [...starts.slice(1).map((b) => b - 1), paragraph.length];
    starts.forEach((a, i) => lines.push(paragraph.slice(a, ends[i])));
  });
  return lines;
}

function literalLines(text) {
  const body = text.replace(/\n+$/, '');
  const lines = body.split('\n');
  if (!body.trim() || NEEDS_ESCAPE.test(text) || text.includes('\r') || [' ', '\t'].includes(lines[0][0]) ||
      lines.some((line) => line !== line.trimEnd())) return null;
  return lines;
}

function scalarLines(prefix, value, indent) {
  const pad = ' '.repeat(indent);
  if (typeof value === 'string') {
    const folded = foldedLines(value);
    if (folded) return [`${prefix} >-`, ...folded.map((line) => (line ? pad + line : ''))];
    const literal = value.includes('\n') ? literalLines(value) : null;
    if (literal) {
      const trailing = value.length - value.replace(/\n+$/, '').length;
      const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
      return [`${prefix} |${chomp}`, ...literal.map((line) => (line ? pad + line : '')),
        ...Array(Math.max(trailing - 1, 0)).fill('')];
    }
  }
  return [`${prefix} ${inlineScalar(value)}`];
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalarValue = (v) => !isObject(v) && !Array.isArray(v);
const token = (v) => typeof v === 'boolean' || typeof v === 'number' || (typeof v === 'string' && plain(v) && TOKEN.test(v));
const numbers = (v) => Object.keys(v).length > 0 &&
  Object.values(v).every((x) => typeof x === 'number') && Object.keys(v).every((k) => KEY.test(k));
const key = (k) => (KEY.test(k) && !NOT_TEXT.test(k) ? k : inlineScalar(k));
const entries = (map) => Object.entries(map).filter(([, v]) => v !== undefined);

function flow(value) {
  if (Array.isArray(value) && value.every(token)) return `[${value.map(inlineScalar).join(', ')}]`;
  if (isObject(value) && (entries(value).length === 0 || numbers(Object.fromEntries(entries(value))))) {
    return `{${entries(value).map(([k, v]) => `${key(k)}: ${inlineScalar(v)}`).join(', ')}}`;
  }
  return null;
}

function mappingLines(map, indent) {
  const pad = ' '.repeat(indent);
  return entries(map).flatMap(([k, v]) => valueLines(`${pad}${key(k)}:`, v, indent));
}

function valueLines(prefix, value, indent) {
  if (isScalarValue(value)) return scalarLines(prefix, value, indent + INDENT);
  const inline = flow(value);
  if (inline !== null) return [`${prefix} ${inline}`];
  if (isObject(value)) return [prefix, ...mappingLines(value, indent + INDENT)];
  return [prefix, ...sequenceLines(value, indent + INDENT)];
}

function sequenceLines(sequence, indent) {
  const pad = ' '.repeat(indent);
  return sequence.flatMap((item) => {
    if (isObject(item) && entries(item).length && flow(item) === null) {
      const inner = mappingLines(item, indent + INDENT);
      return [`${pad}- ${inner[0].slice(indent + INDENT)}`, ...inner.slice(1)];
    }
    return valueLines(`${pad}-`, item, indent);
  });
}

export const emit = (data) => mappingLines(data, 0);
export const emitEntry = (entry, indent) => sequenceLines([entry], indent);

/** `value` with the keys of every object in the schema's order (from LAYOUT; unknown keys last). */
export function ordered(value, order) {
  if (!order) return value;
  if (Array.isArray(value)) return order.items ? value.map((v) => ordered(v, order.items)) : value;
  if (!isObject(value)) return value;
  const known = (order.keys || []).filter((k) => k in value);
  const rest = Object.keys(value).filter((k) => !known.includes(k));
  const fields = order.fields || {};
  return Object.fromEntries([...known, ...rest].map((k) => [k, ordered(value[k], fields[k])]));
}

// ---------------------------------------------------------------------------
// Keeping what was there
// ---------------------------------------------------------------------------

/** Three-way merge of line lists: `ours` (the file) changed as `base` → `theirs` says; theirs wins a conflict. */
function mergeLines(ours, base, theirs) {
  const out = [];
  for (const region of diff3Merge(ours, base, theirs, { excludeFalseConflicts: true })) {
    if (region.ok) out.push(...region.ok);
    else out.push(...region.conflict.b);
  }
  return out;
}

export function parse(text) {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return doc.toJS();
}

const withNewline = (lines) => `${lines.join('\n').replace(/\n+$/, '')}\n`;

/** The file `text` rewritten to hold `data` (new file: header and the canonical form). */
export function merge(text, data, order, header) {
  const theirs = emit(ordered(data, order));
  if (text === null || text === undefined) return withNewline([header, '', ...theirs]);
  const base = emit(ordered(parse(text), order));
  return withNewline(mergeLines(text.replace(/\n$/, '').split('\n'), base, theirs));
}

let lastItems = { text: null, listKey: null, found: null }; // the last file read: listing and saving read the same

/** Where each item of the top-level list `listKey` stands in `text`: [{id, data, from, to}] (lines, `to` exclusive). */
export function listItems(text, listKey) {
  if (lastItems.text !== text || lastItems.listKey !== listKey) {
    lastItems = { text, listKey, found: readItems(text, listKey) };
  }
  return lastItems.found;
}

function readItems(text, listKey) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  const seq = doc.get(listKey, true);
  if (!isSeq(seq)) return { items: [], end: null };
  const line = (offset) => counter.linePos(offset).line - 1; // 0-based
  const items = seq.items.map((node) => {
    const data = node.toJSON();
    // The item's lines: from its `- ` to the end of its last value (comments after it belong to what follows).
    const from = line(node.range[0]);
    const to = line(node.range[1] - 1) + 1;
    return { id: isMap(node) && node.get('id') != null ? String(node.get('id')) : null, data, from, to };
  });
  return { items, end: items.length ? items[items.length - 1].to : null };
}

/**
 * The list file `text` with one entry replaced (by its old id), added (oldId null) or removed (entry null).
 * Only that item's lines change; a new item goes at the end of the list.
 */
export function spliceEntry(text, listKey, oldId, entry, order) {
  const lines = text.replace(/\n$/, '').split('\n');
  const { items, end } = listItems(text, listKey);
  const itemOrder = order && order.fields && order.fields[listKey] && order.fields[listKey].items;
  const indent = items.length ? lines[items[0].from].search(/\S/) : INDENT;
  if (oldId === null || oldId === undefined) {
    if (end === null) return merge(text, { ...parse(text), [listKey]: [entry] }, order);
    const added = emitEntry(ordered(entry, itemOrder), indent);
    return withNewline([...lines.slice(0, end), ...added, ...lines.slice(end)]);
  }
  const item = items.find((i) => i.id === oldId);
  if (!item) throw new Error(`${oldId} staat niet (meer) in het bestand`);
  const ours = lines.slice(item.from, item.to);
  let replacement = [];
  if (entry !== null) {
    const base = emitEntry(ordered(item.data, itemOrder), indent);
    replacement = mergeLines(ours, base, emitEntry(ordered(entry, itemOrder), indent));
  }
  return withNewline([...lines.slice(0, item.from), ...replacement, ...lines.slice(item.to)]);
}
