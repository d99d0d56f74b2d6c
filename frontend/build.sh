#!/bin/sh
# Builds Kokybė's front-end assets, which are committed so that neither users
# nor CI need Node:
#
#   cd frontend && npm ci && sh build.sh
#
# Output:
#   src/kokybe/core/static/kokybe/css/kokybe.css       GOV.UK Frontend + Kokybė brand (compressed)
#   src/kokybe/core/static/kokybe/js/{supported,kokybe}.js
#   src/kokybe/core/static/kokybe/vendor/               govuk-frontend.min.js, htmx.min.js + licences
#   src/kokybe/core/static/kokybe/images/               logo.svg, favicon.svg
#   tests/browser/vendor/                              axe.min.js + licences
set -eu

cd "$(dirname "$0")"

STATIC=../src/kokybe/core/static/kokybe
TESTS_VENDOR=../tests/browser/vendor

for package in govuk-frontend htmx.org axe-core sass; do
  if [ ! -d "node_modules/$package" ]; then
    echo "node_modules/$package is missing: run 'npm ci' first." >&2
    exit 1
  fi
done

version() {
  node -p "require('./node_modules/$1/package.json').version"
}

mkdir -p "$STATIC/css" "$STATIC/js" "$STATIC/vendor" "$STATIC/images" "$TESTS_VENDOR"

# Stylesheet
npx --no-install sass --style=compressed --no-source-map --load-path=node_modules \
  scss/kokybe.scss "$STATIC/css/kokybe.css"

# The stylesheet must not point at files we do not ship (GOV.UK's fonts and
# crest are GOV.UK's alone): no url(...) and no @font-face at all.
if grep -o 'url([^)]*)' "$STATIC/css/kokybe.css"; then
  echo "kokybe.css references the files above; ship them or remove the reference." >&2
  exit 1
fi
if grep -q '@font-face' "$STATIC/css/kokybe.css"; then
  echo "kokybe.css declares a @font-face; Kokybė uses system fonts only." >&2
  exit 1
fi

# Our scripts
cp js/supported.js js/kokybe.js "$STATIC/js/"

# Vendored scripts, pinned by package-lock.json. Their source-map comments are
# dropped: we do not ship the maps.
sed -e 's|//# sourceMappingURL=[^ ]*$||' \
  node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js > "$STATIC/vendor/govuk-frontend.min.js"
sed -e 's|//# sourceMappingURL=[^ ]*$||' \
  node_modules/htmx.org/dist/htmx.min.js > "$STATIC/vendor/htmx.min.js"
# govuk-frontend's npm package carries no licence file; ours is the repository's LICENSE.txt.
cp licenses/LICENSE-govuk-frontend.txt "$STATIC/vendor/LICENSE-govuk-frontend.txt"
cp node_modules/htmx.org/LICENSE "$STATIC/vendor/LICENSE-htmx.txt"
cat > "$STATIC/vendor/VERSIONS.txt" <<EOF
Vendored by frontend/build.sh from npm (see frontend/package-lock.json).
govuk-frontend.min.js  govuk-frontend $(version govuk-frontend)  MIT (LICENSE-govuk-frontend.txt)
htmx.min.js            htmx.org $(version htmx.org)  0BSD (LICENSE-htmx.txt)
EOF

# Images (our own)
cp images/logo.svg images/favicon.svg "$STATIC/images/"

# axe-core for the browser tests
cp node_modules/axe-core/axe.min.js "$TESTS_VENDOR/axe.min.js"
cp node_modules/axe-core/LICENSE "$TESTS_VENDOR/LICENSE-axe-core.txt"
cp node_modules/axe-core/LICENSE-3RD-PARTY.txt "$TESTS_VENDOR/LICENSE-axe-core-3RD-PARTY.txt"
cat > "$TESTS_VENDOR/VERSIONS.txt" <<EOF
Vendored by frontend/build.sh from npm (see frontend/package-lock.json).
axe.min.js  axe-core $(version axe-core)  MPL-2.0 (LICENSE-axe-core.txt; bundled parts: LICENSE-axe-core-3RD-PARTY.txt)
EOF

echo "Built: $STATIC (css, js, vendor, images) and $TESTS_VENDOR."
