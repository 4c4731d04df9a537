#!/usr/bin/env bash
# Fails when `makemessages` would change the set of messages in a catalogue: a string marked for
# translation in the code or the templates but missing from locale/*/django.po (it would show in
# English on a Kazakh or Russian page), or an entry of the catalogue no longer used. Runs
# makemessages as `make messages` does, compares the msgids (with their contexts and plurals,
# obsolete `#~` entries left out, header dates ignored) and restores the catalogues afterwards.
# Fails as well on an untranslated, fuzzy or invalid entry (a missing plural form, say).
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
languages=(kk ru)
saved=$(mktemp -d)
restore() {
  for language in "${languages[@]}"; do
    cp "$saved/$language.po" "locale/$language/LC_MESSAGES/django.po"
  done
  rm -rf "$saved"
}
for language in "${languages[@]}"; do
  cp "locale/$language/LC_MESSAGES/django.po" "$saved/$language.po"
done
trap restore EXIT

DEBUG=true "$python" manage.py makemessages "${languages[@]/#/-l}" --no-location \
  --ignore=.venv --ignore=node_modules --ignore=staticfiles >/dev/null

status=0
for language in "${languages[@]}"; do
  if ! "$python" - "$saved/$language.po" "locale/$language/LC_MESSAGES/django.po" <<'PY'; then
import ast
import re
import sys


def msgids(path):
    """The (context, msgid, plural) of every live entry of a .po file."""
    entries, entry, field = set(), {}, None
    for line in open(path, encoding="utf-8").read().splitlines() + [""]:
        if line.startswith("#~") or line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
        if match:
            if match[1] in ("msgctxt", "msgid") and "msgstr" in entry:
                entries.add((entry.get("msgctxt"), entry.get("msgid"), entry.get("msgid_plural")))
                entry = {}
            field = match[1].split("[")[0]
            entry[field] = entry.get(field, "") + ast.literal_eval(match[2])
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
    if "msgstr" in entry:
        entries.add((entry.get("msgctxt"), entry.get("msgid"), entry.get("msgid_plural")))
    entries.discard((None, "", None))
    return entries


before, after = msgids(sys.argv[1]), msgids(sys.argv[2])
for label, entries in (("would be added", after - before), ("would be removed", before - after)):
    for context, msgid, _plural in sorted(entries, key=lambda entry: entry[1]):
        print(f"  {label}: {msgid!r}" + (f" (context {context!r})" if context else ""))
sys.exit(1 if before != after else 0)
PY
    echo "locale/$language/LC_MESSAGES/django.po is out of date with the code: run \`make messages\`" \
      "and translate the new entries" >&2
    status=1
  fi
  # Every entry translated, nothing fuzzy, every plural form given, placeholders matching.
  catalogue="$saved/$language.po"
  if ! stats=$(msgfmt --check --statistics -o /dev/null "$catalogue" 2>&1) \
      || grep -qE "untranslated|fuzzy" <<<"$stats"; then
    echo "locale/$language/LC_MESSAGES/django.po is incomplete or invalid:" >&2
    sed "s|$catalogue|locale/$language/LC_MESSAGES/django.po|" <<<"$stats" >&2
    status=1
  fi
done
exit $status
