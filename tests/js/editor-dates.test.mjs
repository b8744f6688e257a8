// The form's date field (wegwijzer/editor/admin/widgets.mjs): Dutch order on screen, the files' order on disk.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { isoFromDutch, dutchFromIso } = await import(path.join(ROOT, "wegwijzer", "editor", "admin", "widgets.mjs"));

test("a day typed as dd-mm-jjjj is written as jjjj-mm-dd, and shown the other way round", () => {
  assert.equal(isoFromDutch("24-11-2026", "date"), "2026-11-24");
  assert.equal(isoFromDutch("3/2/2026", "date"), "2026-02-03");
  assert.equal(dutchFromIso("2026-11-24"), "24-11-2026");
});

test("a source's date may be a month or a year; an activity's may have a time; nothing else is a date", () => {
  assert.equal(isoFromDutch("04-2024", "partial"), "2024-04");
  assert.equal(isoFromDutch("2024", "partial"), "2024");
  assert.equal(isoFromDutch("12-03-2026 14:00", "moment"), "2026-03-12T14:00");
  assert.equal(dutchFromIso("2026-03-12T14:00"), "12-03-2026 14:00");
  assert.equal(isoFromDutch("2024", "date"), null);
  assert.equal(isoFromDutch("24-11", "date"), null);
});
