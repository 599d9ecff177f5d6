#!/usr/bin/env bash
# The CLI on a real database file: demo, list, show, JSON fields, errors in French.
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
db=$dir/cli.db
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass+1)); else echo "FAILED: $1"; fail=$((fail+1)); fi; }

"$bin" --db "$db" demo --leads 500 --json > "$dir/demo.json"
check "demo seeds 500 leads" '[ "$(jq .leads "$dir/demo.json")" = 500 ]'
"$bin" --db "$db" leads list --json --status perdu --limit 5 > "$dir/list.json"
check "list filters by status" '[ "$(jq "[.leads[].status] | unique" -c "$dir/list.json")" = "[\"perdu\"]" ]'
check "list honours --limit" '[ "$(jq ".leads | length" "$dir/list.json")" = 5 ]'
for field in code status stage kind source interest owner site created_at deadline_at external_ref message contact vehicle; do
  check "lead JSON has $field" 'jq -e ".leads[0] | has(\"$field\")" "$dir/list.json" >/dev/null'
done
for field in first_name last_name phone email; do
  check "contact JSON has $field" 'jq -e ".leads[0].contact | has(\"$field\")" "$dir/list.json" >/dev/null'
done
code=$(jq -r '.leads[0].code' "$dir/list.json")
"$bin" --db "$db" leads show "$code" --json > "$dir/show.json"
check "show returns the lead" '[ "$(jq -r .code "$dir/show.json")" = "$code" ]'
check "show has the timeline" '[ "$(jq ".events | length" "$dir/show.json")" -ge 1 ]'
check "created_at is RFC 3339 UTC" 'jq -r .created_at "$dir/show.json" | grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$"'
check "unknown lead fails in French" '! "$bin" --db "$db" leads show L-1900-000001 --json > "$dir/err.json" 2> "$dir/err.txt" && grep -q "introuvable" "$dir/err.txt" && [ "$(jq -r .error.code "$dir/err.json")" = not_found ]'
check "a second demo is refused, nothing deleted" '! "$bin" --db "$db" demo --leads 10 2> "$dir/err.txt" && grep -q "déjà" "$dir/err.txt" && [ "$("$bin" --db "$db" leads list --json --limit 1 | jq .total)" = 500 ]'
printf 'garbage%.0s' {1..2000} > "$dir/bad.db"
check "a corrupt file is refused and kept" '! "$bin" --db "$dir/bad.db" leads list 2> "$dir/err.txt" && grep -q "endommagé" "$dir/err.txt" && [ "$(wc -c < "$dir/bad.db")" = 14000 ]'
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
