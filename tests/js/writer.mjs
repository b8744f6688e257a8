// Runs the form editor's YAML writer for tests/test_yaml_format.py: JSON jobs on stdin, JSON results on stdout.
//   {"emit": path}                                  → the canonical lines of the file's data
//   {"splice": path, "list": key, "old": id|null, "entry": {...}|null, "order": {...}}  → the new text
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { emit, parse, spliceEntry } = await import(path.join(ROOT, "wegwijzer", "editor", "admin", "canonical.mjs"));

const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const results = jobs.map((job) => {
  const text = fs.readFileSync(job.emit || job.splice, "utf8");
  if (job.emit) return emit(parse(text));
  return spliceEntry(text, job.list, job.old, job.entry, job.order);
});
process.stdout.write(JSON.stringify(results));
