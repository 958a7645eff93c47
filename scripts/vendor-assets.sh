#!/usr/bin/env bash
# Copy the front-end packages installed by `npm ci` (package-lock.json) into Django's static
# tree. Nothing is ever loaded from a CDN: the browser only talks to the Ilot server.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/ilot/web/static/vendor
rm -rf "$out"
mkdir -p "$out/bootstrap" "$out/bootstrap-icons/fonts" "$out/htmx" "$out/tus-js-client"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$out/bootstrap/"
cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$out/bootstrap-icons/"
cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff "$out/bootstrap-icons/fonts/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/tus-js-client/dist/tus.min.js "$out/tus-js-client/"
# Drop source-map references: the maps are not shipped, and browsers would request them.
sed -i '/sourceMappingURL/d' "$out"/bootstrap/*.css "$out"/bootstrap/*.js "$out"/tus-js-client/*.js
