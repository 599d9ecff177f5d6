#!/usr/bin/env bash
# Crash trials: Carnet is killed with SIGKILL at a random moment while it ingests a folder of
# lead mails, imports a lead CSV file, writes a backup or restores one; then it is started again
# (the same command run to its end) and the database is checked against a clean run:
# integrity ok, every input accounted for exactly once, lead numbers without a gap, a backup
# either whole or absent, a restore either done or not started.
# usage: tests/crash.sh path/to/carnet        CRASH_TRIALS=200 for the benchmark run (default 20)
set -euo pipefail
bin=$(realpath "$1")
trials=${CRASH_TRIALS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
sql() { sqlite3 "$1" "$2"; }
MAILS=300

python3 - "$work" "$MAILS" <<'PY'
import os, sys
work, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{work}/mails")
for i in range(n):
    with open(f"{work}/mails/{i:04d}.eml", "w", encoding="utf-8") as f:
        f.write(f"From: Site <noreply@garage-exemple.fr>\r\nTo: leads@garage.fr\r\nSubject: Demande de contact\r\n"
                f"Message-ID: <crash-{i}@example.fr>\r\nDate: Tue, 24 Nov 2026 08:30:00 +0000\r\n"
                f"Content-Type: text/plain; charset=utf-8\r\n\r\nNom : Client{i}\r\nPrénom : Crash\r\n"
                f"Téléphone : 06 {i // 100 + 10:02d} {i % 100:02d} 00 00\r\nE-mail : crash{i}@example.fr\r\n"
                f"Véhicule : Peugeot 208\r\nMessage : Essai {i}\r\n")
with open(f"{work}/leads.csv", "w", encoding="utf-8") as f:
    f.write("Nom;Prénom;Téléphone;E-mail;Véhicule\n")
    for i in range(n):
        f.write(f"Csv{i};Ligne;07 {i // 100 + 10:02d} {i % 100:02d} 11 11;csv{i}@example.fr;Renault Clio\n")
PY

# Reference databases: what a clean run gives, and the files backups and restores start from.
"$bin" --db "$work/clean.db" ingest "$work/mails" --json >/dev/null 2>&1
clean_leads=$(sql "$work/clean.db" "SELECT count(*) FROM leads")
[ "$clean_leads" = "$MAILS" ] || fail "clean run made $clean_leads leads"
"$bin" --db "$work/big.db" demo --leads 30000 >/dev/null 2>&1
"$bin" --db "$work/small.db" demo --leads 40 >/dev/null 2>&1
"$bin" --db "$work/small.db" backup -o "$work/small-backup.db" >/dev/null 2>&1
big_leads=$(sql "$work/big.db" "SELECT count(*) FROM leads")

# How long each operation takes here: kills land anywhere from its start to its end.
now() { date +%s.%N; }
timed() { local t0; t0=$(now); "$@" >/dev/null 2>&1 || true; python3 -c "print(max(0.05, $(now) - $t0))"; }
t_ingest=$(timed "$bin" --db "$work/m.db" ingest "$work/mails" --json)
t_csv=$(timed "$bin" --db "$work/c.db" import leads "$work/leads.csv" --json)
cp "$work/big.db" "$work/r.db"
t_backup=$(timed "$bin" --db "$work/r.db" backup -o "$work/r-backup.db")
t_restore=$(timed "$bin" --db "$work/r.db" restore "$work/small-backup.db")
rm -rf "$work"/m.db* "$work"/c.db* "$work"/r.db* "$work"/r-backup.db "$work"/*-sauvegardes
printf "durations here: ingest of %s mails %.2f s, CSV of %s rows %.2f s, backup %.2f s, restore %.2f s\n" "$MAILS" "$t_ingest" "$MAILS" "$t_csv" "$t_backup" "$t_restore"
random_delay() { python3 -c "import random; print(round(random.uniform(0.01, $1), 3))"; }

gapless() {
  local n max
  n=$(sql "$1" "SELECT count(*) FROM leads")
  max=$(sql "$1" "SELECT coalesce(max(cast(substr(code, 8) AS INTEGER)), 0) FROM leads")
  [ "$n" = "$max" ] || fail "$2: lead numbers have a gap ($n leads, highest number $max)"
}
intact() { [ "$(sql "$1" "PRAGMA integrity_check")" = "ok" ] || fail "$2: integrity check failed"; }

killed=0; inputs=0; lost=0; twice=0
started_at=$(date +%s)
for trial in $(seq "$trials"); do
  kind=$(( trial % 4 ))
  db="$work/t$trial.db"
  case $kind in
    0|1)
      if [ $kind = 0 ]; then cmd=(ingest "$work/mails" --json); what=ingest; span=$t_ingest
      else cmd=(import leads "$work/leads.csv" --json); what=csv; span=$t_csv; fi
      "$bin" --db "$db" "${cmd[@]}" >/dev/null 2>&1 &
      pid=$!
      sleep "$(random_delay "$span")"
      if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
      wait "$pid" 2>/dev/null || true
      # Started again: the same command, to its end.
      "$bin" --db "$db" "${cmd[@]}" >/dev/null 2>&1 || fail "$what trial $trial: the restart failed"
      intact "$db" "$what trial $trial"
      leads=$(sql "$db" "SELECT count(*) FROM leads")
      rows=$(sql "$db" "SELECT count(*) FROM inbound")
      stuck=$(sql "$db" "SELECT count(*) FROM inbound WHERE state = 'received'")
      inputs=$((inputs + MAILS))
      [ "$stuck" = 0 ] || fail "$what trial $trial: $stuck messages stuck unprocessed"
      [ "$leads" -le "$MAILS" ] || { twice=$((twice + leads - MAILS)); fail "$what trial $trial: $leads leads for $MAILS inputs"; }
      [ "$leads" = "$MAILS" ] || { lost=$((lost + MAILS - leads)); fail "$what trial $trial: $((MAILS - leads)) inputs lost"; }
      [ "$rows" = "$MAILS" ] || fail "$what trial $trial: $rows stored messages for $MAILS inputs"
      gapless "$db" "$what trial $trial"
      ;;
    2)
      cp "$work/big.db" "$db"
      out="$work/out$trial.db"
      "$bin" --db "$db" backup -o "$out" >/dev/null 2>&1 &
      pid=$!
      sleep "$(random_delay "$t_backup")"
      if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
      wait "$pid" 2>/dev/null || true
      intact "$db" "backup trial $trial (database)"
      if [ -e "$out" ]; then
        intact "$out" "backup trial $trial (backup file)"
        [ "$(sql "$out" "SELECT count(*) FROM leads")" = "$big_leads" ] || fail "backup trial $trial: partial backup"
      fi
      inputs=$((inputs + 1))
      ;;
    3)
      cp "$work/big.db" "$db"
      "$bin" --db "$db" restore "$work/small-backup.db" >/dev/null 2>&1 &
      pid=$!
      sleep "$(random_delay "$t_restore")"
      if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
      wait "$pid" 2>/dev/null || true
      intact "$db" "restore trial $trial"
      leads=$(sql "$db" "SELECT count(*) FROM leads")
      case $leads in
        "$big_leads"|40) ;;
        *) fail "restore trial $trial: $leads leads, neither the old database nor the backup" ;;
      esac
      inputs=$((inputs + 1))
      ;;
  esac
  rm -rf "$db" "$db-wal" "$db-shm" "$db.lock" "$work"/out*.db "$work"/out*.part "$work"/t*-sauvegardes
done
echo "crash trials: $trials (ingest, lead CSV, backup, restore), killed mid-run $killed, inputs $inputs, lost $lost, counted twice $twice, integrity ok, numbering gapless — $(( $(date +%s) - started_at )) s"
