// The form's fields: Decap's own widgets, each wrapped so that saving checks it (checks.mjs) and says
// what is wrong beside the field in Dutch, plus a date field in Dutch order (dd-mm-jjjj, no time zone)
// and a summary at the top of the form that jumps to each field that needs attention.
import { dutchDate, knownWith } from './checks.mjs';

// Decap's widgets under Dutch names: a screen reader announces each field as "veld <name>".
const WRAPPED = { string: 'tekst', text: 'tekstvak', markdown: 'opmaak', select: 'keuze', relation: 'verwijzing',
  list: 'lijst', object: 'groep', number: 'getal', boolean: 'janee' };
const CONTAINERS = new Set(['lijst', 'groep']);

const plain = (value) => (value && typeof value.toJS === 'function' ? value.toJS() : value);

/** Problems found in the last round of checks (one round per save), by the field's id in the page. */
const round = { problems: new Map(), scheduled: false };

function report(forID, label, problems) {
  if (!round.scheduled) { // a new round of checks: what the last one found may be gone
    round.problems.clear();
    round.scheduled = true;
    setTimeout(() => { round.scheduled = false; showSummary(); }, 0);
  }
  if (problems.length) round.problems.set(forID, { label, problems });
  else round.problems.delete(forID);
}

export function registerWidgets(CMS, { checker, project, today }) {
  const { h, createClass } = window;
  const entryChecks = new WeakMap(); // entry data (immutable) → problems of the whole entry

  function wrap(name, as) {
    const base = CMS.getWidget(name);
    const Control = createClass({
      displayName: `Gecontroleerd(${name})`,
      // Presence is part of our own checks (in the form's words); Decap's own check must always pass.
      getValidateValue() { return 'gecontroleerd'; },
      shouldComponentUpdate(next, nextState) {
        return this.inner && this.inner.shouldComponentUpdate ? this.inner.shouldComponentUpdate(next, nextState) : true;
      },
      isValid() {
        const { field, value, entry, forID, parentIds, collection } = this.props;
        const config = field.toJS();
        const checks = config.wegwijzer;
        if (!checks) return true;
        const context = { ...knownOf(entry, collection), today };
        const problems = checker.checkField(checks, plain(value), {
          required: config.required !== false, leaf: !CONTAINERS.has(config.widget), context });
        if (!project.known && (checks.ref || checks.declares)) { // fail closed: never save an unchecked reference
          problems.push({ message: 'De gegevens om dit te controleren worden nog geladen; probeer het zo opnieuw.',
            severity: 'error' });
        }
        if (!parentIds || parentIds.length === 0) {
          problems.push(...wholeEntry(entry, collection).filter((p) => p.field === config.name));
        }
        report(forID, config.label, problems);
        const errors = problems.filter((p) => p.severity === 'error');
        return errors.length ? { error: { type: 'CUSTOM', message: errors.map((p) => p.message).join(' ') } } : true;
      },
      render() {
        const props = { ...this.props, ref: (inner) => { this.inner = inner; } };
        if (name === 'list') props.onChange = confirmRemoval(this.props);
        return h(base.control, props);
      },
    });
    CMS.registerWidget(as, Control, base.preview, base.schema);
  }

  /** The ids the checks know while this entry is edited (its own as they are now), once per version of it. */
  const knownCache = new WeakMap();
  function knownOf(entry, collection) {
    const data = entry && entry.get('data');
    if (!data || !collection) return { known: project.known || {}, others: project.known || {} };
    if (!knownCache.has(data) || knownCache.get(data).from !== project.known) {
      const form = collection.get('name');
      const key = entry.get('newRecord') ? undefined : entry.get('slug');
      knownCache.set(data, { from: project.known,
        value: knownWith(project.known || {}, form, key, plain(data), project.declared[form]) });
    }
    return knownCache.get(data).value;
  }

  /** Rules of the entry as a whole, once per version of the entry; its warnings go to the summary. */
  function wholeEntry(entry, collection) {
    if (!entry || !collection) return [];
    const data = entry.get('data');
    if (!entryChecks.has(data)) {
      const form = project.forms[collection.get('name')];
      const plainData = plain(data) || {};
      const fields = (collection.get('fields') || collection.getIn(['files', 0, 'fields'])).map((f) => f.get('name')).toJS();
      const problems = form ? checker.checkEntry(form.schema, plainData, { declared: project.declared[form.name], fields,
        structure: project.structure[form.name] }) : [];
      entryChecks.set(data, problems);
    }
    report('ww-entry', 'Dit item', entryChecks.get(data).filter((p) => !p.field));
    return entryChecks.get(data);
  }

  for (const [name, dutch] of Object.entries(WRAPPED)) wrap(name, dutch);
  CMS.registerWidget('datuminvoer', dateControl(h, createClass), datePreview(h));
  wrap('datuminvoer', 'datum');
}

/** Removing an item of a list (a source, a step) asks first, naming what goes. */
function confirmRemoval(props) {
  return (next, ...rest) => {
    const before = props.value;
    if (before && next && typeof before.size === 'number' && next.size < before.size) {
      const gone = before.find((item) => !next.includes(item));
      const summary = gone && gone.get ? (gone.get('name') || gone.get('title') || gone.get('id') || '') : '';
      const what = summary ? `“${summary}”` : 'dit onderdeel';
      if (!window.confirm(`${what} verwijderen uit ${props.field.get('label')}?`)) return undefined;
    }
    return props.onChange(next, ...rest);
  };
}

// ---------------------------------------------------------------------------
// Dates in Dutch order
// ---------------------------------------------------------------------------

const PLACEHOLDERS = { date: 'dd-mm-jjjj', partial: 'dd-mm-jjjj, mm-jjjj of jjjj', moment: 'dd-mm-jjjj of dd-mm-jjjj uu:mm' };

/** What the editor typed (Dutch order) as the file writes it (ISO order), or null if it is not (yet) a date. */
export function isoFromDutch(text, kind) {
  const t = text.trim();
  const pad = (n) => String(n).padStart(2, '0');
  const day = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const time = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s+(\d{1,2})[:.](\d{2})$/.exec(t);
  const month = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  const year = /^(\d{4})$/.exec(t);
  if (day) return `${day[3]}-${pad(day[2])}-${pad(day[1])}`;
  if (kind === 'moment' && time) return `${time[3]}-${pad(time[2])}-${pad(time[1])}T${pad(time[4])}:${time[5]}`;
  if (kind === 'partial' && month) return `${month[2]}-${pad(month[1])}`;
  if (kind === 'partial' && year) return year[1];
  return null;
}

export function dutchFromIso(value) {
  if (typeof value !== 'string' || !/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?$/.test(value)) return value || '';
  const [date, time] = value.split('T');
  return time ? `${dutchDate(date)} ${time}` : dutchDate(date);
}

function dateControl(h, createClass) {
  return createClass({
    getInitialState() { return { text: dutchFromIso(this.props.value) }; },
    componentDidUpdate(previous) {
      if (previous.value !== this.props.value && isoFromDutch(this.state.text, this.kind()) !== this.props.value &&
          this.state.text !== this.props.value) {
        this.setState({ text: dutchFromIso(this.props.value) });
      }
    },
    kind() { return this.props.field.get('date_kind') || 'date'; },
    handle(event) {
      const text = event.target.value;
      this.setState({ text });
      const iso = isoFromDutch(text, this.kind());
      this.props.onChange(text.trim() === '' ? '' : iso || text.trim());
    },
    render() {
      const kind = this.kind();
      return h('input', {
        type: 'text', id: this.props.forID, className: this.props.classNameWrapper, value: this.state.text,
        placeholder: PLACEHOLDERS[kind], inputMode: 'numeric', autoComplete: 'off',
        onChange: (e) => this.handle(e), onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
      });
    },
  });
}

function datePreview(h) {
  return (props) => h('span', null, dutchFromIso(props.value));
}

// ---------------------------------------------------------------------------
// The summary at the top of the form
// ---------------------------------------------------------------------------

function jump(forID) {
  const target = document.getElementById(forID) || document.querySelector(`label[for="${CSS.escape(forID)}"]`);
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  const focusable = target.matches('input, textarea, select, button, [contenteditable="true"]') ? target
    : target.parentElement && target.parentElement.querySelector('input, textarea, select, button, [contenteditable="true"]');
  if (focusable) focusable.focus({ preventScroll: true });
}

export function showSummary() {
  let panel = document.getElementById('ww-samenvatting');
  const entries = [...round.problems.entries()];
  const errors = entries.filter(([, v]) => v.problems.some((p) => p.severity === 'error'));
  if (!entries.length) {
    if (panel) panel.remove();
    return;
  }
  if (!panel) {
    panel = document.createElement('section');
    panel.id = 'ww-samenvatting';
    panel.className = 'ww-samenvatting';
    panel.setAttribute('aria-labelledby', 'ww-samenvatting-kop');
    document.body.appendChild(panel);
  }
  panel.replaceChildren();
  const heading = document.createElement('h2');
  heading.id = 'ww-samenvatting-kop';
  heading.tabIndex = -1;
  heading.textContent = errors.length
    ? `Nog niet opgeslagen: ${errors.length === 1 ? '1 veld vraagt' : `${errors.length} velden vragen`} je aandacht`
    : 'Let op';
  const list = document.createElement('ul');
  for (const [forID, { label, problems }] of entries) {
    for (const problem of problems) {
      const item = document.createElement('li');
      const text = `${label}: ${problem.severity === 'warning' ? 'let op: ' : ''}${problem.message}`;
      if (forID === 'ww-entry') {
        item.textContent = text;
      } else {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = text;
        button.addEventListener('click', () => jump(forID));
        item.appendChild(button);
      }
      list.appendChild(item);
    }
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'ww-samenvatting__sluiten';
  close.textContent = 'Sluiten';
  close.addEventListener('click', () => { round.problems.clear(); panel.remove(); });
  panel.append(heading, list, close);
  panel.setAttribute('role', errors.length ? 'alert' : 'status');
  if (errors.length) heading.focus();
}
