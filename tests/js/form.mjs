// The form's checks, run on data as the form would run them, for tests/test_editor_checks.py.
// stdin: {"data_dir": …, "project": path of admin/project.js, "config": cms config (JSON), "entries": [
//   {"form": name, "entry": key of the entry as loaded (or null: new), "data": {…}}]}
// stdout: for each entry, the paths (as JSON arrays) where the form refuses to save, and its warnings.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ADMIN = path.join(ROOT, "wegwijzer", "editor", "admin");
const require = createRequire(import.meta.url);
const Ajv = require(path.join(ROOT, "node_modules", "ajv-dist", "dist", "ajv2020.min.js")).default;
const { makeChecker, knownWith } = await import(pathToFileURL(path.join(ADMIN, "checks.mjs")));
const { Project } = await import(pathToFileURL(path.join(ADMIN, "entries.mjs")));

const job = JSON.parse(fs.readFileSync(0, "utf8"));
const project_js = await import(pathToFileURL(job.project));
const { FORMS, LAYOUT, DECLARED, SCHEMAS, STRUCTURE, TEXT_CHECKS } = project_js;
const checker = makeChecker({ Ajv, schemas: SCHEMAS, textChecks: TEXT_CHECKS });
const project = new Project({ forms: FORMS, layout: LAYOUT, declared: DECLARED });

// The data folder as a backend would give it (what the editor reads before it checks).
const disk = {
  async getEntry(p) {
    const file = path.join(job.data_dir, p.replace(/^data\//, ""));
    return { data: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null, file: { path: p } };
  },
  async entriesByFolder(folder) {
    const dir = path.join(job.data_dir, folder.replace(/^data\//, ""));
    if (!fs.existsSync(dir)) return [];  // a kind the data set has no entries of yet, as the backends answer
    return fs.readdirSync(dir).filter((n) => n.endsWith(".yaml"))
      .map((n) => ({ data: fs.readFileSync(path.join(dir, n), "utf8"), file: { path: `${folder}/${n}` } }));
  },
};
await project.refresh(disk);

const CONTAINERS = new Set(["lijst", "groep"]);
const collections = Object.fromEntries(job.config.collections.map((c) => [c.name, c]));

function walk(fields, data, where, context, found) {
  for (const field of fields) {
    const value = data ? data[field.name] : undefined;
    const at = [...where, field.name];
    if (field.wegwijzer) {
      for (const p of checker.checkField(field.wegwijzer, value, { required: field.required !== false,
        leaf: !CONTAINERS.has(field.widget), context })) (p.severity === "error" ? found.errors : found.warnings).push(at);
    }
    if (value === undefined || value === null) continue;
    if (field.widget === "groep" && field.fields) walk(field.fields, value, at, context, found);
    if (field.widget === "lijst" && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (field.fields) walk(field.fields, item, [...at, i], context, found);
        else if (field.field) walk([{ ...field.field, name: i }], { [i]: item }, at, context, found);
      });
    }
  }
}

const results = job.entries.map(({ form, entry, data }) => {
  const collection = collections[form];
  const fields = collection.fields || collection.files[0].fields;
  const context = { ...knownWith(project.known, form, entry, data, DECLARED[form]), today: job.today };
  const found = { errors: [], warnings: [] };
  walk(fields, data, [], context, found);
  const options = { declared: DECLARED[form], fields: fields.map((f) => f.name), structure: STRUCTURE[form] };
  for (const p of checker.checkEntry(FORMS[form].schema, data, options)) {
    (p.severity === "error" ? found.errors : found.warnings).push(p.field ? [p.field] : []);
  }
  return found;
});
process.stdout.write(JSON.stringify(results));
