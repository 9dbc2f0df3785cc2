#!/usr/bin/env bash
# Smoke test of the built app (dist/casework/, from packaging/build.sh), as a cadre would
# use it: a new database, demo data, the check, one Word and one Excel export, an
# encrypted database, and the window up for 5 s under Xvfb. Any failed step fails the run.
#
#     bash packaging/smoke_test.sh [dist/casework]
set -euo pipefail
cd "$(dirname "$0")/.."
app=$(realpath "${1:-dist/casework}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CASEWORK_LOG_DIR="$work/logs"
export XDG_DATA_HOME="$work/data"  # the user data folder: templates, temporary files
unset CASEWORK_PASSWORD CASEWORK_NEW_PASSWORD CASEWORK_DB

step() { echo "-- $*"; }
cli="$app/casework"

step "version"
"$cli" --version | grep -q "劳务协作工作台"

step "a new database with demo data, migrated by the built app"
"$cli" --db "$work/county.db" demo --households 5 >/dev/null
"$cli" --db "$work/county.db" check | tee "$work/check.txt"
grep -q "未发现问题" "$work/check.txt"

step "a Word resume and an Excel list"
person=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    'select id_number from person where deleted_at is null and id_number is not null limit 1').fetchone()[0])" "$work/county.db")
"$cli" --db "$work/county.db" export resume --person "$person" -o "$work/resume.docx"
"$cli" --db "$work/county.db" export list willing -o "$work/willing.xlsx"
python3 - "$work/resume.docx" "$work/willing.xlsx" <<'PY'
import sys, zipfile
for name in sys.argv[1:]:
    with zipfile.ZipFile(name) as archive:  # a real Office file, whole
        assert archive.testzip() is None, name
        assert any(n.startswith(("word/", "xl/")) for n in archive.namelist()), name
print("documents open")
PY

step "an encrypted database (SQLCipher inside the bundle)"
CASEWORK_PASSWORD=smoke-password-1 "$cli" --db "$work/locked.db" demo --households 2 >/dev/null
CASEWORK_PASSWORD=smoke-password-1 "$cli" --db "$work/locked.db" check | grep -q "未发现问题"
if CASEWORK_PASSWORD=wrong-password-9 "$cli" --db "$work/locked.db" stats 2>/dev/null; then
    echo "a wrong password opened the database" >&2; exit 1
fi

step "the window, 5 s under Xvfb"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
DISPLAY=$display CASEWORK_STARTUP_REPORT="$work/ready.txt" \
    "$app/劳务协作工作台" --db "$work/county.db" >"$work/window.txt" 2>&1 &
window=$!
sleep 5
if ! kill -0 "$window" 2>/dev/null; then
    echo "the window closed by itself:" >&2; cat "$work/window.txt" >&2; exit 1
fi
if [ ! -s "$work/ready.txt" ]; then
    echo "the window did not reach its first idle moment in 5 s" >&2; exit 1
fi
kill "$window"
wait "$window" 2>/dev/null || true
echo "smoke test passed: $(du -sh "$app" | cut -f1) in $app"
