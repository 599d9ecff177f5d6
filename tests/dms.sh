#!/usr/bin/env bash
# DMS imports on the command line with the shared samples, bad files, and kill -9 in the middle
# of an import: the database must be exactly as before (one transaction per file).
set -euo pipefail
bin=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
samples=$(realpath "$here/../../shared/fixtures/dms" 2>/dev/null || true)
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
db=$dir/dms.db
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass+1)); else echo "FAILED: $1"; fail=$((fail+1)); fi; }
if [ ! -f "$samples/stock.csv" ]; then
  echo "FAILED: shared/fixtures/dms not found beside the repository" >&2
  exit 1
fi
exp() { jq -r ".$1" "$samples/expected.json"; }
q() { sqlite3 "$db" "$1"; }

"$bin" --db "$db" demo --leads 50 > /dev/null 2>&1
"$bin" --db "$db" import stock "$samples/stock.csv" --json > "$dir/stock.json" 2>/dev/null
check "stock: rows as expected" '[ "$(jq .rows "$dir/stock.json")" = "$(exp stock_rows)" ]'
check "stock: rejected as expected, with line and French reason" '[ "$(jq .rejected "$dir/stock.json")" = "$(exp stock_rejected)" ] && jq -e ".rejected_rows[] | select(.line == 42 and (.reason | test(\"n.existe pas\")))" "$dir/stock.json" > /dev/null'
for field in rows inserted updated unchanged rejected rejected_rows; do
  check "import JSON has $field" 'jq -e "has(\"$field\")" "$dir/stock.json" > /dev/null'
done
check "stock: valid vehicles stored" '[ "$(q "SELECT count(*) FROM stock")" = "$(exp stock_valid)" ]'
check "stock: the later row of a VIN wins" '[ "$(q "SELECT price_cents FROM stock WHERE vin = '"'$(exp stock_duplicate_vin)'"'")" = "$(jq -n "$(exp stock_duplicate_price) * 100 | floor")" ]'
"$bin" --db "$db" import stock "$samples/stock.csv" --json > "$dir/again.json" 2>/dev/null
check "the same file twice changes nothing" '[ "$(jq -c "[.inserted, .updated]" "$dir/again.json")" = "[0,0]" ]'
"$bin" --db "$db" import customers "$samples/customers.csv" --dry-run --json > "$dir/dry.json" 2>/dev/null
check "a dry run counts and stores nothing" '[ "$(jq .inserted "$dir/dry.json")" = "$(exp customers)" ] && [ "$(q "SELECT count(*) FROM contacts WHERE customer_code LIKE '"'C%'"'")" = 0 ]'
"$bin" --db "$db" import customers "$samples/customers.csv" --json > "$dir/customers.json" 2>/dev/null
"$bin" --db "$db" import history "$samples/history.csv" --json > "$dir/history.json" 2>/dev/null
check "customers and history imported" '[ "$(jq .inserted "$dir/customers.json")" = "$(exp customers)" ] && [ "$(jq .inserted "$dir/history.json")" = "$(exp history)" ]'
"$bin" --db "$db" customers show C100026 --json > "$dir/c.json" 2>/dev/null
check "a customer's file has its history and vehicles" '[ "$(jq ".history | length" "$dir/c.json")" = 5 ] && [ "$(jq ".vehicles | length" "$dir/c.json")" -ge 1 ]'
"$bin" --db "$db" stock list --condition VO --json > "$dir/list.json" 2>/dev/null
check "stock list filters VO" '[ "$(jq "[.items[].condition] | unique" -c "$dir/list.json")" = "[\"VO\"]" ]'
check "a vendeur may not import" '! "$bin" --db "$db" --as karim.benali@autosdurhone.fr import stock "$samples/stock.csv" --json > "$dir/err.json" 2>/dev/null && [ "$(jq -r .error.code "$dir/err.json")" = forbidden ]'
: > "$dir/empty.csv"
check "an empty file is refused in French" '! "$bin" --db "$db" import stock "$dir/empty.csv" 2> "$dir/err.txt" && grep -q "vide" "$dir/err.txt"'
head -c 4096 "$bin" > "$dir/binary.csv"
check "a binary file is refused in French" '! "$bin" --db "$db" import customers "$dir/binary.csv" 2> "$dir/err.txt" && grep -q "binaire" "$dir/err.txt"'
python3 "$here/tools/dms_customers.py" 2000 "$dir/bad.csv" --bad 10
"$bin" --db "$db" import customers "$dir/bad.csv" --json > "$dir/bad.json" 2>/dev/null
check "10 % bad rows: listed, the rest imported" '[ "$(jq ".rejected + .inserted" "$dir/bad.json")" = 2000 ] && [ "$(jq .rejected "$dir/bad.json")" -ge 150 ] && [ "$(jq .rejected "$dir/bad.json")" -le 250 ]'

# kill -9 during an import: the database is as before, never half-imported.
rows=${DMS_CRASH_ROWS:-30000}; trials=${DMS_CRASH_TRIALS:-5}
python3 "$here/tools/dms_customers.py" "$rows" "$dir/big.csv"
state() { sqlite3 "$1" "PRAGMA integrity_check; SELECT count(*) FROM contacts; SELECT count(*) FROM import_runs; SELECT total(length(last_name)) FROM contacts;" | tr '\n' ' '; }
cp "$db" "$dir/base.db"; sqlite3 "$dir/base.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
before=$(state "$dir/base.db")
cp "$dir/base.db" "$dir/full.db"
start=$(date +%s%N); "$bin" --db "$dir/full.db" import customers "$dir/big.csv" > /dev/null 2>&1; took=$(( ($(date +%s%N) - start) / 1000000 ))
after=$(state "$dir/full.db")
mid=0; lost=0
for i in $(seq 1 "$trials"); do
  cp "$dir/base.db" "$dir/crash.db"; rm -f "$dir/crash.db-wal" "$dir/crash.db-shm"
  "$bin" --db "$dir/crash.db" import customers "$dir/big.csv" > /dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c "import random; print(random.uniform(0.15, 0.9) * $took / 1000)")"
  if kill -9 "$pid" 2>/dev/null; then mid=$((mid+1)); fi
  wait "$pid" 2>/dev/null || true
  got=$(state "$dir/crash.db")
  if [ "$got" != "$before" ] && [ "$got" != "$after" ]; then lost=$((lost+1)); echo "trial $i: $got"; fi
done
echo "kill -9 during import: $trials trials ($mid killed mid-import, import of $rows rows takes ${took} ms), half-imported: $lost"
check "kill -9 during an import never half-imports" '[ "$lost" = 0 ] && [ "$mid" -ge 1 ]'

echo "dms: $pass passed, $fail failed"
[ "$fail" = 0 ]
