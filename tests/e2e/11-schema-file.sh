#!/bin/bash
# The schema file authors use with xmllint accepts the shipped course and
# the good fixtures, and rejects the schema fixtures as rapport does.
. "$(dirname "$0")/lib.sh"

command -v xmllint >/dev/null || { echo "xmllint missing"; exit 1; }
schema=content/schema/rapport.rng
n=0
while IFS= read -r f; do
	n=$((n + 1))
	xmllint --noout --relaxng "$schema" "$f" >"$work/out" 2>&1 ||
		{ fail "xmllint rejects $f"; cat "$work/out"; }
done < <(find content/inside-relationships tests/content/good -name '*.xml' | sort)
[ "$n" -ge 8 ] || fail "only $n course files found"

for f in tests/content/bad/schema-*.xml; do
	xmllint --noout --relaxng "$schema" "$f" >/dev/null 2>&1 &&
		fail "xmllint accepts $f, which rapport refuses"
done

# the documentation's complete example is the good fixture, word for word
awk '/^## A complete course in one file/{f=1; next} f && /^```xml/{p=1; next} p && /^```/{exit} p' \
	docs/content-format.md >"$work/example.xml"
cmp -s "$work/example.xml" tests/content/good/minimal.xml ||
	fail "docs/content-format.md's example differs from tests/content/good/minimal.xml"
finish
