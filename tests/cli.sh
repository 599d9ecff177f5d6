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
# Users, garage identity and permissions (--as runs with a user's rights).
"$bin" --db "$db" users list --json > "$dir/users.json"
check "users list has the demo's 7 users" '[ "$(jq length "$dir/users.json")" = 7 ]'
for field in id name email role site active; do
  check "user JSON has $field" 'jq -e ".[0] | has(\"$field\")" "$dir/users.json" >/dev/null'
done
echo 'Arrivee2027x' | "$bin" --db "$db" users add --name "Lucie Martin" --email lucie.martin@autosdurhone.fr --role vendeur --site "Autos du Rhône — Lyon Gerland" --password-stdin --json > "$dir/lucie.json"
check "users add creates the user on her site" '[ "$(jq -r "[.role, .site] | join(\",\")" "$dir/lucie.json")" = "vendeur,Autos du Rhône — Lyon Gerland" ]'
check "a weak password is refused in French" '! echo "faible" | "$bin" --db "$db" users add --name "X Y" --email xy@autosdurhone.fr --role vendeur --password-stdin 2> "$dir/err.txt" && grep -q "trop faible" "$dir/err.txt"'
check "a duplicate e-mail is refused" '! echo "Valable2027x" | "$bin" --db "$db" users add --name "Autre" --email lucie.martin@autosdurhone.fr --role vendeur --password-stdin --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.field "$dir/err.json")" = email ]'
"$bin" --db "$db" garage show --json > "$dir/garage.json"
check "garage show prints the identity keys" 'jq -e "has(\"legal_name\") and has(\"siret\") and has(\"vat_number\") and has(\"cgv\")" "$dir/garage.json" >/dev/null'
jq '.legal_name = "Garage CLI" | .siret = "12345678901234"' "$dir/garage.json" > "$dir/bad-garage.json"
check "garage set refuses a bad SIRET and keeps the identity" '! "$bin" --db "$db" garage set "$dir/bad-garage.json" --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.field "$dir/err.json")" = siret ] && [ "$("$bin" --db "$db" garage show --json | jq -r .legal_name)" = "Autos du Rhône" ]'
jq '.legal_name = "Garage CLI"' "$dir/garage.json" > "$dir/good-garage.json"
check "garage set saves a valid identity" '[ "$("$bin" --db "$db" garage set "$dir/good-garage.json" --json | jq -r .legal_name)" = "Garage CLI" ]'
check "--as a vendeur: rules are forbidden" '! "$bin" --db "$db" --as karim.benali@autosdurhone.fr call routing_rules_set "{\"assignment\":[],\"sla\":[]}" > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.code "$dir/err.json")" = forbidden ]'
check "--as an unknown e-mail is refused" '! "$bin" --db "$db" --as nobody@example.fr leads list 2> "$dir/err.txt" && grep -q "Aucun utilisateur" "$dir/err.txt"'
check "--as the administrator may set the garage" '"$bin" --db "$db" --as nicolas.perrin@autosdurhone.fr garage set "$dir/good-garage.json" >/dev/null'
check "the permission matrix names who may run each command" '"$bin" permissions > "$dir/matrix.md" && grep -q "^| \`journal\` | administrateur |$" "$dir/matrix.md" && [ "$(grep -c "^| \`" "$dir/matrix.md")" -ge 60 ]'
printf 'garbage%.0s' {1..2000} > "$dir/bad.db"
check "a corrupt file is refused and kept" '! "$bin" --db "$dir/bad.db" leads list 2> "$dir/err.txt" && grep -q "endommagé" "$dir/err.txt" && [ "$(wc -c < "$dir/bad.db")" = 14000 ]'
# Intake from .eml files: the shared samples, twice (the second run creates nothing).
if [ ! -d "$(dirname "$0")/../../shared/fixtures/mail" ]; then
  if [ -n "${CI:-}" ]; then echo "FAILED: shared/fixtures/mail not found beside the repository"; fail=$((fail+1));
  else echo "SKIPPED: shared/fixtures/mail not found: the intake checks did not run"; fi
else
  mails=$(realpath "$(dirname "$0")/../../shared/fixtures/mail")
  "$bin" --db "$dir/in.db" ingest "$mails" --json > "$dir/in1.json"
  "$bin" --db "$dir/in.db" ingest "$mails" --json > "$dir/in2.json"
  check "ingest accounts for every file" '[ "$(jq ".files == .leads_created + .merged + .duplicates + .quarantined + .errors" "$dir/in1.json")" = true ]'
  check "ingest creates leads" '[ "$(jq .leads_created "$dir/in1.json")" -ge 10 ]'
  check "second ingest creates nothing" '[ "$(jq .leads_created "$dir/in2.json")" = 0 ]'
fi

# Leads from a manufacturer portal's CSV export (Windows-1252, semicolons).
printf 'N\xb0 dossier;Nom;Pr\xe9nom;T\xe9l\xe9phone;Email;Marque;Mod\xe8le\r\nLD-1;Lef\xe8vre;Am\xe9lie;0645127890;amelie@example.fr;Peugeot;3008\r\nLD-2;Sans contact;Paul;;;Dacia;Duster\r\n' > "$dir/portail.csv"
"$bin" --db "$dir/csv.db" import leads "$dir/portail.csv" --map "N° dossier=Référence" --json > "$dir/csv.json"
check "CSV import creates the good row and quarantines the other" '[ "$(jq -c "[.leads_created, .quarantined, .encoding]" "$dir/csv.json")" = "[1,1,\"windows-1252\"]" ]'
check "CSV lead keeps its accents and reference" '"$bin" --db "$dir/csv.db" leads list --json | jq -e ".leads[0] | .contact.first_name == \"Amélie\" and .external_ref == \"LD-1\" and .source == \"Constructeur\"" >/dev/null'

# The webhook over HTTP on loopback, with its bearer token.
port=$((20000 + RANDOM % 20000))
CARNET_SECRET_WEBHOOK_TOKEN=test-token-123 "$bin" --db "$dir/hook.db" serve --addr "127.0.0.1:$port" --no-poll > "$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
post() { curl -s -o "$dir/resp.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/webhook/lead" -H 'content-type: application/json' "$@"; }
lead='{"id":"f-1","first_name":"Inès","last_name":"Haddad","phone":"06 12 34 56 78","vehicle":{"make":"Dacia","model":"Duster"}}'
check "webhook refuses a missing token" '[ "$(post -d "$lead")" = 401 ]'
check "webhook creates a lead" '[ "$(post -H "authorization: Bearer test-token-123" -d "$lead")" = 201 ] && jq -e .lead_code "$dir/resp.json" >/dev/null'
check "webhook ignores a repeated id" '[ "$(post -H "authorization: Bearer test-token-123" -d "$lead")" = 200 ] && [ "$(jq -r .result "$dir/resp.json")" = duplicate ]'
check "webhook refuses malformed JSON in French" '[ "$(post -H "authorization: Bearer test-token-123" -d "{oops")" = 400 ] && jq -r .error.message "$dir/resp.json" | grep -q "JSON invalide"'
head -c 400000 /dev/zero | tr '\0' 'x' > "$dir/big.json"
check "webhook refuses an oversized body" '[ "$(post -H "authorization: Bearer test-token-123" --data-binary @"$dir/big.json")" = 413 ]'
check "webhook keeps an unusable lead in quarantine" '[ "$(post -H "authorization: Bearer test-token-123" -d "{\"last_name\":\"Sans contact\"}")" = 202 ]'
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
check "the webhook lead is in the list" '[ "$("$bin" --db "$dir/hook.db" leads list --json | jq -r ".leads[0].contact.phone")" = "+33612345678" ]'

# Deal documents: an offer from a JSON file, its bon de commande, the PDFs.
code=$("$bin" --db "$db" leads list --json --status en_cours --limit 1 | jq -r '.leads[0].code')
cat > "$dir/offer.json" <<'JSON'
{"vat_regime": "normal", "vehicle": {"make": "Peugeot", "model": "208", "version": "Allure 1.2 PureTech 100"},
 "lines": [{"kind": "vehicle", "label": "Peugeot 208 Allure", "qty": 1, "unit_cents": 2249000},
           {"kind": "discount", "label": "Remise", "qty": 1, "unit_cents": -100000},
           {"kind": "fee", "label": "Préparation", "qty": 1, "unit_cents": 35000},
           {"kind": "registration", "label": "Carte grise", "qty": 1, "unit_cents": 28676}],
 "trade_in_cents": 300000, "valid_until": "2099-12-31"}
JSON
"$bin" --db "$db" offers create --lead "$code" --file "$dir/offer.json" --json > "$dir/offer-out.json"
check "offers create prints the totals" '[ "$(jq -c "[.lead_code, .vat_regime, .total_ttc_cents, .total_vat_cents, .trade_in_cents, .net_cents]" "$dir/offer-out.json")" = "[\"$code\",\"normal\",2212676,364000,300000,1912676]" ]'
check "the offer has a number" 'jq -r .number "$dir/offer-out.json" | grep -Eq "^OF-[0-9]{4}-[0-9]{4}$"'
offer=$(jq -r .id "$dir/offer-out.json")
"$bin" --db "$db" offers list --json > "$dir/offers.json"
for field in id number lead_code vat_regime total_ttc_cents total_vat_cents net_cents status version; do
  check "offers list JSON has $field" 'jq -e ".[0] | has(\"$field\")" "$dir/offers.json" >/dev/null'
done
jq '.lines[1].unit_cents = -5000000' "$dir/offer.json" > "$dir/bad-offer.json"
check "a discount above the price is refused in French" '! "$bin" --db "$db" offers create --lead "$code" --file "$dir/bad-offer.json" --json > "$dir/err.json" 2> "$dir/err.txt" && grep -q "dépasse le prix" "$dir/err.txt" && [ "$(jq -r .error.field "$dir/err.json")" = lines ]'
echo '{"buyer": {"name": "Inès Haddad"}, "delivery_date": "2099-01-31", "payment_terms": "Comptant"}' > "$dir/bad-order.json"
check "an order without the buyer address is refused" '! "$bin" --db "$db" orders create --offer "$offer" --file "$dir/bad-order.json" --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.field "$dir/err.json")" = buyer.address ]'
before=$("$bin" --db "$db" orders list --json | jq length)
cat > "$dir/order.json" <<'JSON'
{"buyer": {"name": "Inès Haddad", "address": "4 place Bellecour", "postal_code": "69002", "city": "Lyon"},
 "delivery_date": "2099-01-31", "payment_terms": "Comptant à la livraison", "deposit_cents": 50000, "deposit_kind": "arrhes", "off_premises": true}
JSON
"$bin" --db "$db" orders create --offer "$offer" --file "$dir/order.json" --json > "$dir/order-out.json"
check "orders create takes the next number, without gap" '[ "$(jq -r .number "$dir/order-out.json")" = "BC-$(date +%Y)-$(printf %04d $((before + 1)))" ]'
check "the order wins the lead" '[ "$("$bin" --db "$db" leads show "$code" --json | jq -r "[.status, .stage] | join(\",\")")" = "gagne,commande" ]'
order=$(jq -r .id "$dir/order-out.json")
check "orders list has the order" '"$bin" --db "$db" orders list --json | jq -e "any(.[]; .id == $order and .vat_regime == \"normal\" and .total_ttc_cents == 2212676)" >/dev/null'
"$bin" --db "$db" pdf order "$order" -o "$dir/bc.pdf" > /dev/null
check "the order PDF passes qpdf --check" 'qpdf --check "$dir/bc.pdf" >/dev/null'
check "the order PDF embeds its fonts" '[ "$(pdffonts "$dir/bc.pdf" | tail -n +3 | awk "{print \$(NF-4)}" | sort -u)" = yes ]'
check "the order PDF prints the amounts and the withdrawal form" 'pdftotext "$dir/bc.pdf" - | tr -s " \n" " " | grep -q "22 126,76 €" && pdftotext "$dir/bc.pdf" - | grep -q "Formulaire de rétractation"'
check "pdf to an unwritable path fails in French" '! "$bin" --db "$db" pdf offer "$offer" -o /nonexistent/dir/o.pdf 2> "$dir/err.txt" && grep -q "Impossible d.écrire" "$dir/err.txt"'
check "pdf of an unknown offer fails and writes nothing" '! "$bin" --db "$db" pdf offer 999999 -o "$dir/none.pdf" 2>/dev/null && [ ! -e "$dir/none.pdf" ]'

# Reports: a lead on Friday at 18:00 and a call on Monday at 9:10 (CARNET_NOW), then the KPIs.
"$bin" --db "$dir/now.db" demo --leads 0 > /dev/null
site=$("$bin" --db "$dir/now.db" call meta | jq '.sites[0].id')
CARNET_NOW=2026-11-27T18:00:00+01:00 "$bin" --db "$dir/now.db" call lead_create "{\"contact\": {\"last_name\": \"Vendredi\", \"phone\": \"0611223344\"}, \"kind\": \"VN\", \"source\": \"Site web\", \"site_id\": $site}" > "$dir/friday.json"
check "CARNET_NOW dates the lead" '[ "$(jq -r .created_at "$dir/friday.json")" = 2026-11-27T17:00:00Z ]'
CARNET_NOW=2026-11-30T09:10:00+01:00 "$bin" --db "$dir/now.db" call lead_log_call "{\"lead_id\": $(jq .id "$dir/friday.json"), \"outcome\": \"joint\", \"duration_s\": 120}" > /dev/null
CARNET_NOW=2026-11-30T12:00:00+01:00 "$bin" --db "$dir/now.db" kpi --from 2026-11-27 --to 2026-11-27 --json > "$dir/kpi.json"
check "first contact counts working minutes only (Fri 18–19, Sat, Mon 9:00–9:10 = 490)" '[ "$(jq .total.first_contact_median_min "$dir/kpi.json")" = 490 ]'
check "contacted within 48 h (Sunday does not count) but not within one working day" '[ "$(jq -c "[.total.within_48h, .total.within_working_day]" "$dir/kpi.json")" = "[1,0]" ]'
check "kpi JSON has its groups and the sales" 'jq -e "has(\"by_source\") and has(\"by_owner\") and has(\"by_site\") and has(\"by_kind\") and has(\"by_brand\") and (.sales | has(\"forecast\"))" "$dir/kpi.json" >/dev/null'
check "an invalid CARNET_NOW is refused in French" '! CARNET_NOW=vendredi "$bin" --db "$dir/now.db" kpi 2> "$dir/err.txt" && grep -q "CARNET_NOW invalide" "$dir/err.txt"'
check "an empty period is refused" '! "$bin" --db "$db" kpi --from 2026-12-01 --to 2026-11-01 --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.field "$dir/err.json")" = from ]'
"$bin" --db "$db" export leads --xlsx "$dir/leads.xlsx" --json > "$dir/export.json"
check "export leads writes every lead" '[ "$(jq .rows "$dir/export.json")" = "$("$bin" --db "$db" leads list --json --limit 1 | jq .total)" ]'
check "the workbook reads back: a sheet of all leads, then one per kind" '"$(dirname "$0")/../.venv/bin/python" -c "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1], read_only=True); assert wb.sheetnames[0] == \"Tous les leads\" and len(wb.sheetnames) >= 4, wb.sheetnames" "$dir/leads.xlsx"'
"$bin" --db "$db" export leads --csv "$dir/leads.csv" --kind VN > /dev/null
check "the CSV starts with a BOM and uses semicolons" '[ "$(head -c 3 "$dir/leads.csv" | od -An -tx1 | tr -d " ")" = efbbbf ] && head -1 "$dir/leads.csv" | grep -q "^.Code;Reçu le;Statut"'
check "export to an unwritable path fails in French and leaves nothing" '! "$bin" --db "$db" export kpi --xlsx /nonexistent/k.xlsx 2> "$dir/err.txt" && grep -q "existe pas" "$dir/err.txt"'
check "a vendeur may not export" '! "$bin" --db "$db" --as karim.benali@autosdurhone.fr export leads --csv "$dir/k.csv" --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.code "$dir/err.json")" = forbidden ] && [ ! -e "$dir/k.csv" ]'

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
