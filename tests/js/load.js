// Loads the site's scripts the way a page does, for Node's own test runner.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const SCRIPTS = path.join(ROOT, "overrides", "assets", "javascripts", "wegwijzer");

function script(name) {
  return require(path.join(SCRIPTS, name + ".js"));
}

/** lunr with the Dutch support the site ships (Material's stemmer support plus our fixpoint override). */
function dutchLunr() {
  if (!globalThis.lunr) {
    globalThis.lunr = require("lunr");
    require("lunr-languages/lunr.stemmer.support")(globalThis.lunr);
    const override = path.join(ROOT, "overrides", "assets", "javascripts", "lunr", "min", "lunr.nl.min.js");
    vm.runInThisContext(fs.readFileSync(override, "utf8"), { filename: override });
  }
  return globalThis.lunr;
}

module.exports = { script, dutchLunr, ROOT };
