#!/usr/bin/env bash
# Rebuild the committed front-end assets from package.json and package-lock.json:
#   static/css/register.css                      compiled from static/scss/register.scss
#   static/vendor/govuk-frontend/                GOV.UK Frontend's JavaScript (+ source map)
#   tests/e2e/vendor/axe-core/                   axe-core, which the browser tests inject into
#                                                every page (committed, so that the tests run
#                                                on a machine without Node.js)
# and check that every url() in the CSS and every source map comment in the JS
# points to a file that exists (ManifestStaticFilesStorage fails collectstatic
# otherwise). Safe to run any number of times. Needs Node.js; running the site
# does not.
#
# Deliberately NOT copied from GOV.UK Frontend: the GDS Transport fonts and all
# of its images (favicon, app icons, crest, Open Graph image and manifest). They
# show the crown or the GOV.UK brand, which a service that is not the UK
# Government must not use. Our own icon is static/images/favicon.svg.
set -euo pipefail

cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
npm run build:css

src=node_modules/govuk-frontend/dist/govuk
vendor=static/vendor/govuk-frontend

mkdir -p "$vendor"
cp "$src/govuk-frontend.min.js" "$src/govuk-frontend.min.js.map" "$vendor/"
node -p 'require("./node_modules/govuk-frontend/package.json").version' > "$vendor/VERSION"

# axe-core is never served by the register: only the browser tests load it, from a file.
axe=tests/e2e/vendor/axe-core
mkdir -p "$axe"
cp node_modules/axe-core/axe.min.js "$axe/"
cp node_modules/axe-core/LICENSE "$axe/LICENSE.txt"
node -p 'require("./node_modules/axe-core/package.json").version' > "$axe/VERSION"

# GOV.UK Frontend images our CSS needs, copied to $vendor/assets/images/. None at
# present: the only one its CSS references (the crest) is replaced in register.scss.
govuk_images=()
rm -rf "$vendor/assets"
if ((${#govuk_images[@]})); then
    mkdir -p "$vendor/assets/images"
    for image in "${govuk_images[@]}"; do
        cp "$src/assets/images/$image" "$vendor/assets/images/"
    done
fi

if [[ ! -f "$vendor/LICENSE.txt" ]]; then
    echo "error: $vendor/LICENSE.txt (GOV.UK Frontend's MIT licence) is missing" >&2
    exit 1
fi

node - <<'JS'
// Every url() in our CSS and every sourceMappingURL in the vendored JS must
// resolve to a file under static/.
const fs = require("fs");
const path = require("path");

const checks = [
  ["static/css/register.css", /url\(\s*(['"]?)([^'")]+)\1\s*\)/g],
  ["static/vendor/govuk-frontend/govuk-frontend.min.js", /\/\/# sourceMappingURL=(\S+)\s*$/gm],
  ["static/css/register.css", /\/\*# sourceMappingURL=(\S+) \*\//g],
];
let missing = 0;
let seen = 0;
for (const [file, pattern] of checks) {
  const text = fs.readFileSync(file, "utf8");
  for (const match of text.matchAll(pattern)) {
    const ref = match[match.length - 1];
    if (/^(data:|#|[a-z]+:\/\/|\/\/)/i.test(ref)) continue;
    seen += 1;
    const target = path.resolve(path.dirname(file), ref.split(/[?#]/)[0]);
    if (!target.startsWith(path.resolve("static") + path.sep) || !fs.existsSync(target)) {
      console.error(`error: ${file} refers to ${ref}, which is not a file under static/`);
      missing += 1;
    }
  }
}
if (fs.readFileSync("static/css/register.css", "utf8").includes("GDS Transport")) {
  console.error("error: static/css/register.css mentions the GDS Transport font");
  missing += 1;
}
if (missing) process.exit(1);
console.log(`assets ok: ${seen} local reference(s) checked, all present`);
JS
