#!/usr/bin/env bash
# Privacy, duplicates, Bloctel and phone campaigns on the command line, on a real database file
# with the shared DMS samples: JSON fields, refusals in French, nothing half-done.
set -euo pipefail
bin=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
samples=$(realpath "$here/../../shared/fixtures/dms" 2>/dev/null || true)
dir=${KEEP_DIR:-$(mktemp -d)}; [ -n "${KEEP_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
db=$dir/privacy.db
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass+1)); else echo "FAILED: $1"; fail=$((fail+1)); fi; }
if [ ! -f "$samples/customers.csv" ]; then
  echo "FAILED: shared/fixtures/dms not found beside the repository" >&2
  exit 1
fi
q() { sqlite3 "$db" "$1"; }
c() { "$bin" --db "$db" "$@" 2>/dev/null; }

c demo --leads 60 > /dev/null
c import customers "$samples/customers.csv" > /dev/null
c import history "$samples/history.csv" > /dev/null

# Export and erasure.
id=$(q "SELECT contact_id FROM leads ORDER BY id LIMIT 1")
c contacts export "$id" > "$dir/export.json"
check "export prints the person as JSON" '[ "$(jq .contact.id "$dir/export.json")" = "$id" ] && jq -e "has(\"leads\") and has(\"consent_history\") and has(\"merged_contacts\") and has(\"campaign_calls\")" "$dir/export.json" > /dev/null'
check "export to an unwritable path fails in French" '! "$bin" --db "$db" contacts export "$id" -o /nonexistent/x.json 2> "$dir/err.txt" && grep -q "Écriture impossible" "$dir/err.txt"'
check "erase needs --yes" '! "$bin" --db "$db" contacts erase "$id" 2> "$dir/err.txt" && grep -q -- "--yes" "$dir/err.txt" && [ "$(q "SELECT erased_at IS NULL FROM contacts WHERE id = $id")" = 1 ]'
check "erase of an unknown contact fails and changes nothing" '! "$bin" --db "$db" contacts erase 999999 --yes --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.code "$dir/err.json")" = not_found ]'

# Duplicates and merge: a DMS customer typed again as a prospect under another number.
cust=$(q "SELECT id FROM contacts WHERE customer_code = 'C100001'")
c call lead_create "{\"contact\": {\"first_name\": \"Jérôme\", \"last_name\": \"MERCIER\", \"phone\": \"0611002200\", \"email\": \"jm@exemple.fr\", \"consent_email\": true}, \"kind\": \"VO\", \"source\": \"Showroom\", \"site_id\": 1}" > "$dir/lead.json"
typed=$(jq .contact.id "$dir/lead.json")
c contacts duplicates "$cust" --json > "$dir/dups.json"
check "duplicates find the prospect by name" '[ "$(jq "[.[] | select(.contact_id == $typed)][0].reasons | index(\"nom\") != null" "$dir/dups.json")" = true ]'
check "merge needs --yes" '! "$bin" --db "$db" contacts merge "$cust" "$typed" 2>/dev/null && [ "$(q "SELECT count(*) FROM contacts WHERE id = $typed")" = 1 ]'
c contacts merge "$cust" "$typed" --yes --json > "$dir/merge.json"
check "merge moves the lead and keeps the other mobile and e-mail aside" '[ "$(jq .leads "$dir/merge.json")" = 1 ] && [ "$(jq -c .kept_aside "$dir/merge.json")" = "[\"Autre téléphone : 06 11 00 22 00\",\"Autre e-mail : jm@exemple.fr\"]" ]'
check "merge JSON has its fields" 'jq -e "has(\"kept_id\") and has(\"absorbed_id\") and has(\"history\") and has(\"alerts\") and has(\"consent_events\") and has(\"consent_email\") and has(\"consent_sms\")" "$dir/merge.json" > /dev/null'
check "the kept contact has the lead, its own numbers" '[ "$(q "SELECT contact_id FROM leads WHERE id = $(jq .id "$dir/lead.json")")" = "$cust" ] && [ "$(q "SELECT phone FROM contacts WHERE id = $cust")" = +33678528102 ]'
check "merging an absorbed contact again fails in French" '! "$bin" --db "$db" contacts merge "$cust" "$typed" --yes 2> "$dir/err.txt" && grep -q "introuvable\|Contact" "$dir/err.txt"'

# Bloctel.
printf 'Numéro;Date\n0678528102;02/11/2026\n0611002200\n' > "$dir/bloctel.csv"
c bloctel import "$dir/bloctel.csv" --dry-run --json > "$dir/dry.json"
before=$(q "SELECT count(*) FROM bloctel_numbers")
check "bloctel dry run counts and changes nothing" '[ "$(jq -c "[.numbers, .added, .removed, .contacts_listed, .dry_run]" "$dir/dry.json")" = "[2,2,$before,1,true]" ] && [ "$(q "SELECT count(*) FROM bloctel_numbers")" = "$before" ]'
c bloctel import "$dir/bloctel.csv" --json > "$dir/bl.json"
check "bloctel import lists the customer (mobile and landline)" '[ "$(jq .contacts_listed "$dir/bl.json")" = 1 ] && [ "$(q "SELECT count(*) FROM bloctel_numbers")" = 2 ]'
c bloctel status --json > "$dir/status.json"
check "bloctel status" '[ "$(jq -c "[.numbers, .contacts_listed, .stale, .file_name]" "$dir/status.json")" = "[2,1,false,\"bloctel.csv\"]" ]'
printf '0678528102\nJérôme Mercier\n' > "$dir/bad.csv"
check "a Bloctel file in the wrong format is refused whole in French" '! "$bin" --db "$db" bloctel import "$dir/bad.csv" 2> "$dir/err.txt" && grep -q "ligne 2" "$dir/err.txt" && [ "$(q "SELECT count(*) FROM bloctel_numbers")" = 2 ]'
check "the lead shows the badge" '[ "$(c leads show "$(jq -r .code "$dir/lead.json")" --json | jq .contact.bloctel)" = true ]'

# A phone campaign on the customers who bought from 2015 to 2025.
c campaigns create --name "Relance clients" --customers-only --bought-from 2015-01-01 --bought-to 2025-12-31 --dry-run --json > "$dir/preview.json"
campaigns=$(q "SELECT count(*) FROM campaigns")
check "campaign preview counts, excludes the Bloctel customer and creates nothing" '[ "$(jq .targets "$dir/preview.json")" -gt 0 ] && [ "$(jq "[.excluded[] | select(.reason == \"inscrit sur Bloctel\")][0].count" "$dir/preview.json")" = 1 ] && [ "$(q "SELECT count(*) FROM campaigns")" = "$campaigns" ]'
karim=$(c call meta | jq '.users[] | select(.email == "karim.benali@autosdurhone.fr") | .id')
c campaigns create --name "Relance clients" --customers-only --bought-from 2015-01-01 --bought-to 2025-12-31 --assign "$karim" --json > "$dir/campaign.json"
campaign=$(jq .id "$dir/campaign.json")
check "campaign created with the previewed calls" '[ "$(jq .calls "$dir/campaign.json")" = "$(jq .targets "$dir/preview.json")" ]'
check "no campaign call goes to a Bloctel number" '[ "$(q "SELECT count(*) FROM campaign_calls k JOIN contacts c ON c.id = k.contact_id JOIN bloctel_numbers b ON b.phone IN (c.phone, c.landline)")" = 0 ]'
c campaigns calls "$campaign" --json > "$dir/calls.json"
call=$(jq '.[0].id' "$dir/calls.json")
check "a vendeur may not log another's call" '! "$bin" --db "$db" --as thomas.lefevre@autosdurhone.fr campaigns log "$call" interesse --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.code "$dir/err.json")" = forbidden ]'
"$bin" --db "$db" --as karim.benali@autosdurhone.fr campaigns log "$call" interesse --note "Essai la semaine prochaine" --json > "$dir/log.json" 2>/dev/null
check "an interested person becomes a lead" '[ "$(jq -r .lead_code "$dir/log.json" | cut -c1-2)" = L- ] && [ "$(c leads show "$(jq -r .lead_code "$dir/log.json")" --json | jq -r .source)" = "Campagne « Relance clients »" ]'
c campaigns list --json > "$dir/list.json"
check "campaign figures" '[ "$(jq -c ".[] | select(.id == $campaign) | [.interested, .leads]" "$dir/list.json")" = "[1,1]" ]'
check "a bad date is refused in French" '! "$bin" --db "$db" campaigns create --name X --no-visit-since 31/12/2025 2> "$dir/err.txt" && grep -q "Date invalide" "$dir/err.txt"'

echo "privacy: $pass passed, $fail failed"
[ "$fail" = 0 ]
