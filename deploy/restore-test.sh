#!/bin/sh
# Prove that a backup restores: dump the database with backup.sh's pg_dump options, restore it
# into a scratch database, and compare the exact row count of every table. Exits 1 on any
# difference. Run it monthly (and after upgrading PostgreSQL) against production, or here:
#
#   deploy/restore-test.sh postgres://postgres@127.0.0.1:5432/iop_issue6
#
# The scratch database is <source>_restore_test on the same server (dropped at the end, also on
# failure). Needs createdb/dropdb rights for the connecting role.
set -eu
export LC_ALL=C PGOPTIONS="-c client_min_messages=warning"

SOURCE_URL="${1:-${DATABASE_URL:?give a database URL or set DATABASE_URL}}"
# postgres://user@host:port/name -> base URL and database name
SOURCE_DB="${SOURCE_URL##*/}"
SOURCE_DB="${SOURCE_DB%%\?*}"
BASE_URL="${SOURCE_URL%/*}"
SCRATCH_DB="${SOURCE_DB}_restore_test"
SCRATCH_URL="$BASE_URL/$SCRATCH_DB"
ADMIN_URL="$BASE_URL/postgres"
WORK="$(mktemp -d)"

cleanup() {
    psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$SCRATCH_DB\"" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

started=$(date +%s)
pg_dump --format=custom --no-owner --no-acl --file="$WORK/backup.dump" "$SOURCE_URL"
dumped=$(date +%s)
size=$(du -h "$WORK/backup.dump" | cut -f1)

psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$SCRATCH_DB\"" >/dev/null
psql -q "$ADMIN_URL" -c "CREATE DATABASE \"$SCRATCH_DB\"" >/dev/null
pg_restore --no-owner --no-acl --exit-on-error --dbname="$SCRATCH_URL" "$WORK/backup.dump"
restored=$(date +%s)

# Exact counts (not pg_class estimates) for every table in the public schema.
COUNT_SQL="
CREATE OR REPLACE FUNCTION pg_temp.exact_count(t text) RETURNS bigint LANGUAGE plpgsql AS
\$\$ DECLARE n bigint; BEGIN EXECUTE format('SELECT count(*) FROM public.%I', t) INTO n; RETURN n; END \$\$;
SELECT tablename || '|' || pg_temp.exact_count(tablename)
FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename;"
psql -qAt "$SOURCE_URL" -c "$COUNT_SQL" | sort >"$WORK/source.txt"
psql -qAt "$SCRATCH_URL" -c "$COUNT_SQL" | sort >"$WORK/restored.txt"

tables=$(wc -l <"$WORK/source.txt")
rows=$(awk -F'|' '{s += $2} END {print s}' "$WORK/source.txt")
printf '%-55s %10s %10s\n' "table" "source" "restored"
join -t'|' -a1 -a2 -e MISSING -o 0,1.2,2.2 "$WORK/source.txt" "$WORK/restored.txt" |
    awk -F'|' '$2 != 0 || $3 != 0 { printf "%-55s %10s %10s%s\n", $1, $2, $3, ($2 == $3 ? "" : "  <-- DIFFERENT") }'

echo "dump: $size in $((dumped - started)) s; restore in $((restored - dumped)) s; $tables tables, $rows rows"
if cmp -s "$WORK/source.txt" "$WORK/restored.txt"; then
    echo "RESTORE OK: every table has the same number of rows"
else
    echo "RESTORE FAILED: row counts differ" >&2
    exit 1
fi
