// One record at a time: the editor's backends (GitHub, or the local one) wrapped so that a file with one
// list of entities (data/interventions.yaml) is a folder of entries, one per item. The editor lists,
// opens, checks and saves one entry; saving splices only that item back into the file (canonical.mjs),
// and in the editorial workflow each entry gets its own branch and pull request (cms/<form>/<id>).
//
// An item is addressed as <file>/<id>.json (data/interventions.yaml/halt.json): the collection's folder
// is the file itself, and the entry's text is its data as JSON; nothing by that name exists on disk.
// Files of folders and single files are written through the same merge, so every save is canonical.
import { listItems, merge, parse, spliceEntry } from './canonical.mjs';
import { declarations } from './checks.mjs';

const VIRTUAL = /^(data\/.+\.yaml)\/([^/]+)\.json$/;

/** Empty values the form leaves behind (a cleared field, an empty list) are not written. */
export function prune(value) {
  if (Array.isArray(value)) {
    const kept = value.map(prune).filter((v) => v !== undefined);
    return kept.length ? kept : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = prune(v);
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  return value;
}

export class Project {
  constructor({ forms, layout, declared, structure = {} }) {
    this.forms = Object.fromEntries(Object.entries(forms).map(([name, form]) => [name, { ...form, name }]));
    this.layout = layout;
    this.declared = declared;
    this.structure = structure;
    this.lists = new Map(Object.values(this.forms).filter((f) => f.list).map((f) => [f.folder, f]));
    this.known = null; // kind → Map(id → {name, form, entry}): what references and new ids are checked against
    this.listeners = [];
  }

  virtual(path) {
    const match = VIRTUAL.exec(path || '');
    const form = match && this.lists.get(match[1]);
    return form ? { form, file: match[1], id: match[2] } : null;
  }

  /** The layout (header and key order) of the data file at `path` (data/news/x.yaml → news/*.yaml). */
  layoutOf(path) {
    const relative = path.replace(/^data\//, '');
    for (const [pattern, layout] of Object.entries(this.layout)) {
      const [folder, name] = pattern.split('/');
      if (pattern === relative || (name === '*.yaml' && relative.startsWith(`${folder}/`))) return layout;
    }
    return null;
  }
}

const asJson = (data) => JSON.stringify(data, null, 2);

/**
 * The implementation `impl` (Decap's GitHub or proxy backend) as one that knows list files as folders.
 * `project` is a Project; `config` is the editor's configuration (its publish mode: with the editorial
 * workflow, removing an entry is a proposal too, so a protected main branch is never written directly).
 */
export function listEntries(impl, project, config = {}) {
  const mode = config && (typeof config.get === 'function' ? config.get('publish_mode') : config.publish_mode);
  const workflow = mode === 'editorial_workflow';
  const cache = new Map(); // file → {id, text}
  async function read(path) {
    const { data, file } = await impl.getEntry(path);
    if (data !== null && data !== undefined) cache.set(path, { id: file.id, text: data });
    return data;
  }

  function items(form, text) {
    return listItems(text, form.list).items.filter((item) => item.id !== null);
  }

  async function entriesOf(form, folder) {
    const text = await read(folder);
    if (text === null || text === undefined) return [];
    const fileId = cache.get(folder).id;
    return items(form, text).map((item) => ({
      data: asJson(item.data), file: { path: `${folder}/${item.id}.json`, id: `${fileId}:${item.id}` },
    }));
  }

  /** The file as it is where this save goes: the entry's proposal branch if it has one, else the main branch. */
  async function current(path, slug, options) {
    if (options.useWorkflow) {
      try {
        const proposal = await impl.unpublishedEntry({ collection: options.collectionName, slug });
        const diff = proposal.diffs.find((d) => d.path === path);
        if (diff) return await impl.unpublishedEntryDataFile(options.collectionName, slug, path, diff.id);
      } catch (error) {
        if (!(error && error.notUnderEditorialWorkflow)) throw error;
      }
    }
    const { data } = await impl.getEntry(path);
    return data === undefined ? null : data;
  }

  async function written(dataFile, options) {
    const place = project.virtual(dataFile.path);
    if (place) {
      const text = await current(place.file, dataFile.slug, options);
      const entry = prune(JSON.parse(dataFile.raw)) || {};
      const old = options.newEntry ? null : place.id;
      return { ...dataFile, path: place.file, raw: spliceEntry(text, place.form.list, old, entry, project.layout[place.form.file].order) };
    }
    const layout = project.layoutOf(dataFile.path);
    if (!layout) return dataFile;
    const text = await current(dataFile.path, dataFile.slug, options);
    return { ...dataFile, raw: merge(text, prune(parse(dataFile.raw)) || {}, layout.order, layout.header) };
  }

  const overrides = {
    async entriesByFolder(folder, extension, depth) {
      const form = project.lists.get(folder);
      const found = form ? await entriesOf(form, folder) : await impl.entriesByFolder(folder, extension, depth);
      project.refreshSoon(this);
      return found;
    },
    async allEntriesByFolder(folder, extension, depth, pathRegex) {
      const form = project.lists.get(folder);
      if (form) return entriesOf(form, folder);
      return impl.allEntriesByFolder(folder, extension, depth, pathRegex);
    },
    async getEntry(path) {
      project.refreshSoon(this);
      const place = project.virtual(path);
      if (!place) return impl.getEntry(path);
      const text = await read(place.file);
      const item = text ? items(place.form, text).find((i) => i.id === place.id) : null;
      return item ? { data: asJson(item.data), file: { path, id: `${cache.get(place.file).id}:${place.id}` } }
        : { data: null, file: { path, id: null } };
    },
    async persistEntry(entry, options) {
      const dataFiles = [];
      for (const dataFile of entry.dataFiles) dataFiles.push(await written(dataFile, options));
      const result = await impl.persistEntry({ ...entry, dataFiles }, options);
      project.refreshSoon(this, 0);
      return result;
    },
    async deleteFiles(paths, commitMessage) {
      const plain = [];
      for (const path of paths) {
        const place = project.virtual(path);
        if (!place) { plain.push(path); continue; }
        const options = { commitMessage, useWorkflow: workflow, newEntry: false, collectionName: place.form.name,
          status: 'draft' };
        const text = await current(place.file, place.id, options);
        const raw = spliceEntry(text, place.form.list, place.id, null, project.layout[place.form.file].order);
        await impl.persistEntry({ dataFiles: [{ path: place.file, slug: place.id, raw }], assets: [] }, options);
      }
      if (plain.length) await impl.deleteFiles(plain, commitMessage);
      project.refreshSoon(this, 0);
    },
    async unpublishedEntry(args) {
      const proposal = await impl.unpublishedEntry(args);
      const form = project.forms[proposal.collection];
      if (!form || !form.list) return proposal;
      const file = `data/${form.file}`;
      return { ...proposal, diffs: proposal.diffs.map((d) => (d.path === file ? { ...d, path: `${file}/${proposal.slug}.json` } : d)) };
    },
    async unpublishedEntryDataFile(collection, slug, path, id) {
      const place = project.virtual(path);
      if (!place) return impl.unpublishedEntryDataFile(collection, slug, path, id);
      const text = await impl.unpublishedEntryDataFile(collection, slug, place.file, id);
      let item = items(place.form, text).find((i) => i.id === slug);
      if (!item) { // a proposal to remove the entry: show it as it is until then
        const { data } = await impl.getEntry(place.file);
        item = data ? items(place.form, data).find((i) => i.id === slug) : null;
      }
      if (!item) throw new Error(`${slug} staat niet in het voorstel`);
      return asJson(item.data);
    },
  };

  return new Proxy(impl, {
    get(target, name) {
      if (Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name].bind(target);
      const value = target[name];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** What the form's checks need to know of all data: every id by kind, with the name and the entry it is in. */
Project.prototype.refresh = async function refresh(impl) {
  const known = {};
  const add = (form, entry, data) => {
    for (const [kind, id, name] of declarations(data, this.declared[form.name] || [])) {
      (known[kind] = known[kind] || new Map()).set(id, { name, form: form.name, entry });
    }
  };
  for (const form of Object.values(this.forms)) {
    try {
      if (form.list) {
        const { data } = await impl.getEntry(form.folder);
        if (data) for (const item of listItems(data, form.list).items) add(form, item.id, item.data);
      } else if (form.folder) {
        for (const file of await impl.entriesByFolder(form.folder, 'yaml', 1)) {
          if (file.data) add(form, file.file.path.split('/').pop().replace(/\.yaml$/, ''), parse(file.data));
        }
      } else {
        const { data } = await impl.getEntry(`data/${form.file}`);
        if (data) add(form, form.name, parse(data));
      }
    } catch (error) {
      console.warn(`wegwijzer: ${form.name} niet gelezen voor de controle`, error);
      return; // keep what was known: a check against half the data would refuse valid references
    }
  }
  this.known = known;
  this.listeners.forEach((listener) => listener());
};

Project.prototype.refreshSoon = function refreshSoon(impl, delay = 200) {
  clearTimeout(this.timer);
  if (this.known && delay) return; // read once; saving reads again
  this.timer = setTimeout(() => { this.refresh(impl).catch((e) => console.warn(e)); }, delay);
};
