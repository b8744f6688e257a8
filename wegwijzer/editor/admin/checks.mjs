// The form's checks before saving: the same JSON Schemas as the validator (compiled by Ajv) and the
// checks of text a schema cannot say, read from the same file as the validator (core/textchecks.json).
// The validator (wegwijzer/core/validator.py) stays the authority: tests/test_editor_checks.py proves
// that every refusal it makes on a field of a form is made here too.
//
//   checker.checkField(checks, value, options)  problems of one field's own value (beside that field)
//   checker.checkEntry(location, data, options) what only the whole entry can say (which field it belongs to)
//
// A problem is {message, severity: 'error' | 'warning', field?}; messages are Dutch and say what to do.

const EMPTY = (v) => v === undefined || v === null || v === '' ||
  (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

const TYPES = { string: 'tekst', integer: 'een geheel getal', number: 'een getal', array: 'een lijst',
  object: 'een groep velden', boolean: 'ja of nee' };

// Patterns the validator explains in its own words (core/validator.py, _PATTERN_MESSAGES), said for the form.
const PATTERNS = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'Gebruik alleen kleine letters, cijfers en losse streepjes, bijvoorbeeld buit-lespakket.',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'Vul een datum in als dd-mm-jjjj.',
  '^(https?://[^\\s]+|mailto:[^\\s]+)$': 'Een link begint met https://, http:// of mailto: en heeft geen spaties.',
};

/** A message of the validator or the schemas, as the form says it: no code marks, a capital, a full stop. */
export function formWords(text) {
  const plain = text.replace(/`([^`]*)`/g, '$1').trim();
  const sentence = text.startsWith('`') ? plain : plain.charAt(0).toUpperCase() + plain.slice(1); // not a value
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

// A rule that applies to one top-level field only under a condition on the entry (if/then/else, allOf).
const CONDITION = /(?:^|\/)(?:then|else|allOf|dependentSchemas)\//;
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
const shown = (value) => { const t = String(value); return t.length > 60 ? `${t.slice(0, 60)}…` : t; };

export function makeChecker({ Ajv, schemas, textChecks }) {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
  for (const schema of schemas) ajv.addSchema(schema);
  const regex = (rule, global = false) => new RegExp(rule.pattern, (rule.flags || '') + (global ? 'g' : '') + 'u');
  const email = regex(textChecks.email, true);
  const mobile = regex(textChecks.mobile, true);
  const links = ['inline', 'auto', 'reference'].map((name) => regex(textChecks.links[name], true));
  const allowedLink = regex(textChecks.links.allowed);
  const html = regex(textChecks.html);
  const sourceNote = regex(textChecks.source_note);
  const dateShape = new RegExp(`^${textChecks.date.shape}$`);
  const common = schemas.find((s) => (s.$id || '').endsWith('/common.schema.json')) || { $defs: {} };
  const mailboxPattern = (common.$defs.organisation_email || {}).pattern;
  const mailbox = mailboxPattern ? new RegExp(`^(?:${mailboxPattern})$`, 'u') : null; // a whole address
  const say = (rule, key, values = {}) => formWords(fill(textChecks[rule][key], values));

  const validators = new Map();
  function validator(location) {
    if (!validators.has(location)) validators.set(location, ajv.getSchema(location));
    return validators.get(location);
  }

  function explain(error) {
    const custom = error.parentSchema && error.parentSchema['x-messages'] &&
      error.parentSchema['x-messages'][error.keyword];
    if (custom) return formWords(custom);
    const p = error.params || {};
    switch (error.keyword) {
      case 'required': return 'Vul dit veld in.';
      case 'minLength': return typeof error.data === 'string' && !error.data.trim() ? 'Vul dit veld in.'
        : `Te kort: minstens ${p.limit} tekens.`;
      case 'maxLength': return `Te lang: ${[...error.data].length} tekens, hoogstens ${p.limit}.`;
      case 'pattern': return PATTERNS[p.pattern] || 'Dit heeft niet de juiste vorm.';
      case 'enum': return 'Kies een van de mogelijkheden uit de lijst.';
      case 'const': return `Dit moet ${p.allowedValue} zijn.`;
      case 'type': return `Dit moet ${TYPES[p.type] || p.type} zijn.`;
      case 'minimum': return `Minstens ${p.limit}.`;
      case 'maximum': return `Hoogstens ${p.limit}.`;
      case 'minItems': return p.limit === 1 ? 'Voeg er minstens één toe.' : `Voeg er minstens ${p.limit} toe.`;
      case 'maxItems': return `Hoogstens ${p.limit}.`;
      case 'uniqueItems': return 'Een waarde staat er twee keer in; haal er een weg.';
      case 'minProperties': return 'Vul minstens één veld in, of haal deze groep weg.';
      case 'additionalProperties': return `Onbekend veld ${p.additionalProperty}.`;
      default: return 'Dit klopt niet met de regels voor dit veld.';
    }
  }

  // Errors of a failed anyOf branch and the `if` of if/then/else repeat the error that explains them.
  const noise = (error) => error.keyword === 'if' || /\/anyOf\/\d+\//.test(error.schemaPath);

  // A container shows its own errors, and those of the items of its list (no control of their own).
  const OWN = /^(?:\/\d+)?$/;

  function schemaProblems(location, value, ownLevelOnly) {
    const validate = validator(location);
    if (!validate || validate(value)) return [];
    // `required` is said by the missing field itself (each field has a control).
    return validate.errors.filter((e) => !noise(e) && e.keyword !== 'required' &&
      (!ownLevelOnly || OWN.test(e.instancePath)))
      .map((e) => ({ message: explain(e), severity: 'error' }));
  }

  function textProblems(flags, text, today) {
    const found = [];
    const error = (message, severity = 'error') => found.push({ message, severity });
    if (flags.includes('not_blank') && !text.trim()) error(say('blank', 'message'));
    if (flags.includes('free_text')) {
      for (const [address] of text.includes('@') ? text.matchAll(email) : []) {
        if (!mailbox || !mailbox.test(address.toLowerCase())) error(say('email', 'message', { value: shown(address) }));
      }
      for (const [number] of text.matchAll(mobile)) error(say('mobile', 'message', { value: shown(number.trim()) }));
    }
    if (flags.includes('markdown')) {
      const count = (text.match(/\[/g) || []).length;
      if (count * text.length > textChecks.brackets.budget) error(say('brackets', 'message', { count }));
      else {
        for (const pattern of links) {
          for (const match of text.matchAll(pattern)) {
            if (!allowedLink.test(match[1])) error(say('links', 'message', { value: shown(match[1]) }));
          }
        }
        if (html.test(text)) error(say('html', 'message'), 'warning');
        const note = text.match(sourceNote);
        if (note) error(say('source_note', 'message', { value: note[0] }), 'warning');
      }
    }
    if (flags.includes('date')) {
      const day = new Date(`${text}T00:00:00Z`);
      const real = dateShape.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
      if (dateShape.test(text) && !real) error(say('date', 'no_such_day', { value: dutchDate(text) }));
      else if (real && flags.includes('not_future') && today && text > today) {
        error(say('date', 'future', { value: dutchDate(text), today: dutchDate(today) }));
      }
    }
    return found;
  }

  /**
   * Problems of one field's own value. `checks` is the field's `wegwijzer` configuration (cms.py):
   * its schema, text checks, reference or declared kind; `leaf`: no other control shows its items.
   */
  function checkField(checks, value, { required = false, leaf = true, context = {} } = {}) {
    if (EMPTY(value)) {
      return required && !checks.group ? [{ message: 'Vul dit veld in.', severity: 'error' }] : [];
    }
    const found = schemaProblems(checks.schema, value, !leaf);
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) && leaf ? value.filter((v) => typeof v === 'string') : [];
    if (checks.text) for (const text of texts) found.push(...textProblems(checks.text, text, context.today));
    const known = context.known || {};
    if (checks.ref && known[checks.ref]) {
      for (const id of Array.isArray(value) ? value : [value]) {
        if (typeof id === 'string' && !known[checks.ref].has(id)) {
          found.push({ message: formWords(`\`${shown(id)}\` bestaat niet (meer); kies er een uit de lijst`), severity: 'error' });
        }
      }
    }
    const others = context.others || {};
    if (checks.declares && others[checks.declares] && typeof value === 'string') {
      const other = others[checks.declares].get(value);
      if (other) {
        found.push({ message: `Deze korte naam is al in gebruik bij ${other.name || value}; kies een andere.`,
          severity: 'error' });
      }
    }
    if (checks.age && typeof value === 'object' && Number.isInteger(value.min) && Number.isInteger(value.max) &&
        value.min > value.max) {
      found.push({ message: say('age', 'message', { min: value.min, max: value.max }), severity: 'error' });
    }
    return dedupe(found);
  }

  /**
   * What only the whole entry can say: rules across fields at its top (a recognition only for an
   * intervention, a start date or a period), ids that occur twice in it, what it should have (warnings).
   * Each problem names the top-level field it belongs to (null: the entry as a whole).
   */
  function checkEntry(location, data, { declared = [], fields = [], structure = [] } = {}) {
    const found = [];
    for (const rule of structure) found.push(...STRUCTURE[rule.rule](data, rule, say));
    const validate = validator(location);
    if (validate && !validate(data)) {
      for (const e of validate.errors) {
        if (noise(e)) continue;
        const path = e.instancePath.split('/').slice(1);
        if (path.length === 0 && e.keyword !== 'required' && e.keyword !== 'additionalProperties') {
          found.push({ field: firstAlternative(e.parentSchema, fields), message: explain(e), severity: 'error' });
        } else if (path.length === 1 && CONDITION.test(e.schemaPath)) {
          found.push({ field: path[0], message: explain(e), severity: 'error' }); // a condition at the top
        }
      }
    }
    const recommended = resolved(location)['x-recommended'] || {};
    for (const [key, message] of Object.entries(recommended)) {
      if (EMPTY(data[key])) found.push({ field: null, message: formWords(message), severity: 'warning' });
    }
    const seen = new Map();
    for (const [kind, ...path] of declared) {
      for (const id of idsAt(data, path)) {
        const key = `${kind}\u0000${id}`;
        if (seen.has(key)) {
          found.push({ field: path[0] || 'id', message: `${id} staat twee keer in dit item; elke korte naam maar één keer.`,
            severity: 'error' });
        }
        seen.set(key, true);
      }
    }
    return dedupe(found);
  }

  /** The schema node at `location`, after its $refs. */
  function resolved(location) {
    let node = validator(location) ? validator(location).schema : {};
    for (let i = 0; node && node.$ref && i < 16; i++) {
      const [file, pointer] = node.$ref.split('#');
      const base = location.split('#')[0];
      location = `${file ? base.replace(/[^/]*$/, file) : base}#${pointer}`;
      node = validator(location) ? validator(location).schema : {};
    }
    return node || {};
  }

  return { checkField, checkEntry };
}

// Rules of structure a schema cannot say: the same rules as core/rules.py (the registry names them per
// kind: STRUCTURE in project.js), with the same messages (textchecks.json), on one entry.
const isInt = (v) => Number.isInteger(v);
const STRUCTURE = {
  numbered_steps(entry, rule, say) {
    const found = [];
    const steps = Array.isArray(entry.steps) ? entry.steps : null;
    if (!steps) return found;
    const count = rule.count ? entry[rule.count] : undefined;
    if (isInt(count) && count !== steps.length) {
      found.push({ field: rule.count, severity: 'error',
        message: say('steps', 'count', { count_field: rule.count, count, steps: steps.length }) });
    }
    steps.forEach((step, i) => {
      if (step && isInt(step.number) && step.number !== i + 1) {
        found.push({ field: 'steps', severity: 'error', message: say('steps', 'number', { position: i + 1, number: step.number }) });
      }
    });
    return found;
  },
  matrix_order(entry, rule, say) {
    const found = [];
    const parties = Array.isArray(entry.parties) ? entry.parties.filter((p) => typeof p === 'string') : [];
    let previous = null;
    for (const situation of Array.isArray(entry.situations) ? entry.situations : []) {
      if (!situation || typeof situation !== 'object') continue;
      if (isInt(situation.severity)) {
        if (previous !== null && situation.severity <= previous) {
          found.push({ field: 'situations', severity: 'error', message: say('matrix', 'order', { severity: situation.severity, previous }) });
        }
        previous = situation.severity;
      }
      const seen = new Set();
      for (const action of Array.isArray(situation.actions) ? situation.actions : []) {
        const party = action && typeof action.party === 'string' ? action.party : null;
        if (party === null) continue;
        if (!parties.includes(party)) found.push({ field: 'situations', severity: 'error', message: say('matrix', 'column', { party }) });
        if (seen.has(party)) found.push({ field: 'situations', severity: 'error', message: say('matrix', 'twice', { party }) });
        seen.add(party);
      }
    }
    return found;
  },
};

/**
 * The ids known to the checks while one entry is edited: those of all other entries as saved, and those the
 * entry declares now (an id it no longer has is gone; a reference to it is refused).
 */
export function knownWith(known, form, entry, data, declared) {
  const others = {};
  for (const [kind, ids] of Object.entries(known || {})) {
    others[kind] = new Map([...ids].filter(([, where]) => !(where.form === form && where.entry === entry)));
  }
  const all = Object.fromEntries(Object.entries(others).map(([kind, ids]) => [kind, new Map(ids)]));
  for (const [kind, id, name] of declarations(data, declared || [])) {
    (all[kind] = all[kind] || new Map()).set(id, { name, form, entry });
  }
  return { known: all, others };
}

function firstAlternative(parentSchema, fields) {
  const branch = parentSchema && Array.isArray(parentSchema.anyOf) && parentSchema.anyOf[0];
  const name = branch && Array.isArray(branch.required) ? branch.required[0] : null;
  return name && fields.includes(name) ? name : fields[0] || null;
}

/** A date as the form shows it: 2026-11-24 → 24-11-2026 (a month or a year as it is, in that order). */
export function dutchDate(iso) {
  return String(iso).split('T')[0].split('-').reverse().join('-');
}

/** The ids declared at `path` (with * for list items) inside an entry. */
export function idsAt(value, path) {
  if (value === null || value === undefined) return [];
  if (path.length === 0) return typeof value === 'object' && typeof value.id === 'string' ? [value.id] : [];
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.flatMap((v) => idsAt(v, rest)) : [];
  return typeof value === 'object' ? idsAt(value[head], rest) : [];
}

/** Every entity the entries of a form declare: [kind, id, name] (the name for messages). */
export function declarations(entryData, declared) {
  const found = [];
  const walk = (value, path, kind) => {
    if (value === null || value === undefined) return;
    if (path.length === 0) {
      if (typeof value === 'object' && typeof value.id === 'string') {
        found.push([kind, value.id, value.name || value.title || value.id]);
      }
      return;
    }
    const [head, ...rest] = path;
    if (head === '*') { if (Array.isArray(value)) value.forEach((v) => walk(v, rest, kind)); } else if (typeof value === 'object') walk(value[head], rest, kind);
  };
  for (const [kind, ...path] of declared) walk(entryData, path, kind);
  return found;
}

function dedupe(problems) {
  const seen = new Set();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
