#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm packages pinned in package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts
dest=content/assets/javascripts/vendor
cp node_modules/lunr/lunr.min.js "$dest/lunr.min.js"
cp node_modules/lunr-languages/min/lunr.stemmer.support.min.js "$dest/"
cp node_modules/lunr-languages/min/lunr.nl.min.js "$dest/"
cp node_modules/iframe-worker/shim/index.js "$dest/iframe-worker.js"
echo "Vendored files refreshed in $dest"
