// The form editor's start: Decap CMS with our backend wrapper (one entry at a time), the canonical YAML
// writer, checked fields in Dutch, Dutch words where Decap has none, and the entry's page as preview.
// project.js is generated from the schemas and the registry on every build (wegwijzer/editor/cms.py).
import { emit, parse } from './canonical.mjs';
import { makeChecker } from './checks.mjs';
import { Project, listEntries } from './entries.mjs';
import { PHRASES, merged } from './locale.mjs';
import { registerPreviews } from './preview.mjs';
import { registerWidgets } from './widgets.mjs';
import { AUTH_CONFIGURED, DECLARED, FORMS, LAYOUT, LOCAL_BACKEND, PREVIEWED, SCHEMAS, STRUCTURE, TEXT_CHECKS } from './project.js';

const CMS = window.CMS;
const LOCAL = ['localhost', '127.0.0.1'].includes(window.location.hostname);
// "Today" for the form's date checks: the editor's own day in the Netherlands.
const TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());

const project = new Project({ forms: FORMS, layout: LAYOUT, declared: DECLARED, structure: STRUCTURE });
const checker = makeChecker({ Ajv: window.ajv2020.default, schemas: SCHEMAS, textChecks: TEXT_CHECKS });

// Files of folders and single files: read as YAML, written canonically (entries.mjs merges into the file).
CMS.registerCustomFormat('wegwijzer-yaml', 'yaml', {
  fromFile: (text) => parse(text),
  toFile: (data) => `${emit(data).join('\n')}\n`,
});
for (const name of ['github', 'proxy']) {
  const backend = CMS.getBackend(name);
  const init = backend.init;
  backend.init = (config, ...rest) => listEntries(init(config, ...rest), project, config);
}
registerWidgets(CMS, { checker, project, today: TODAY });
// The checks need all ids before anything can be saved; the page says when they have them (for tests too).
project.listeners.push(() => { document.documentElement.dataset.wegwijzerControle = 'klaar'; });
registerPreviews(CMS, { backend: LOCAL ? LOCAL_BACKEND : null, previewed: PREVIEWED });
CMS.registerLocale('nl', merged(CMS.getLocale('nl'), PHRASES));

if (!AUTH_CONFIGURED && !LOCAL) {
  // Without the OAuth helper, Decap would send editors to Netlify's login service, which cannot work here.
  document.getElementById('ww-niet-ingesteld').hidden = false;
} else {
  CMS.init();
}
