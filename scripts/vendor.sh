#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm packages pinned in package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts
vendor=overrides/assets/javascripts/vendor
cp node_modules/lunr/lunr.min.js "$vendor/lunr.min.js"
cp node_modules/iframe-worker/shim/index.js "$vendor/iframe-worker.js"
cp node_modules/qrcode-generator/dist/qrcode.js "$vendor/qrcode.js"
# Material's search worker loads its Dutch support from this path; the override adds the fixpoint stemmer.
lunr_dir=overrides/assets/javascripts/lunr/min
mkdir -p "$lunr_dir"
cat node_modules/lunr-languages/min/lunr.nl.min.js scripts/lunr-nl-fixpoint.js > "$lunr_dir/lunr.nl.min.js"
echo "Vendored files refreshed ($vendor, $lunr_dir)"
