#!/bin/bash
# The results database is private (0600, in a 0700 folder), and a file that
# is not a rapport database, or one from a newer rapport, is refused with a
# clear message and left byte for byte as it was.
. "$(dirname "$0")/lib.sh"

m=tests/content/good/minimal.xml
data=$work/data
printf 'skip\nskip\nskip\nskip\nskip\nskip\n' >"$work/skips"
XDG_DATA_HOME=$data $RAPPORT --content $m --answers "$work/skips" quiz check >"$work/out" 2>&1 ||
	{ fail "a quiz with the default database"; cat "$work/out"; }
db=$data/rapport/rapport.db
[ -f "$db" ] || fail "no database at $db"
[ "$(stat -c %a "$db")" = 600 ] || fail "database mode $(stat -c %a "$db")"
[ "$(stat -c %a "$data/rapport")" = 700 ] || fail "database folder mode $(stat -c %a "$data/rapport")"
for f in "$db"-wal "$db"-shm; do
	[ ! -e "$f" ] || [ "$(stat -c %a "$f")" = 600 ] || fail "$f mode $(stat -c %a "$f")"
done
# the history file is checked through a terminal in 50-pty.py

# refused, untouched: another program's SQLite file, a newer schema, text
python3 - "$work" <<'PY'
import sqlite3, sys
d = sys.argv[1]
c = sqlite3.connect(d + "/foreign.db"); c.execute("CREATE TABLE t (x)"); c.execute("INSERT INTO t VALUES (1)"); c.commit(); c.close()
c = sqlite3.connect(d + "/newer.db")
c.execute("PRAGMA application_id = 1380995668"); c.execute("PRAGMA user_version = 70")
c.execute("CREATE TABLE future (x)"); c.commit(); c.close()
open(d + "/notes.db", "w").write("these are my notes\n")
PY
for name in foreign newer notes; do
	f=$work/$name.db
	before=$(sha256sum <"$f")
	expect_exit 1 "$name.db refused" $RAPPORT --db "$f" --content $m history
	case $name in
	foreign) expect_output "^rapport: '.*foreign.db' is not a rapport database \(it belongs to another program\); it was left as it is$" "$name message" ;;
	newer) expect_output "^rapport: '.*newer.db' was written by a newer rapport \(schema 70; this one reads up to [0-9]+\); it was left as it is$" "$name message" ;;
	notes) expect_output "^rapport: '.*notes.db' is not a rapport database \(not an SQLite file\); it was left as it is$" "$name message" ;;
	esac
	[ "$before" = "$(sha256sum <"$f")" ] || fail "$name.db was changed"
	ls "$f"-* >/dev/null 2>&1 && fail "$name.db got journal files"
	# nothing that needs results runs either, nor the shell
	expect_exit 1 "$name.db: a quiz" $RAPPORT --db "$f" --content $m quiz check </dev/null
	expect_exit 1 "$name.db: the shell" $RAPPORT --db "$f" --content $m </dev/null
	[ "$before" = "$(sha256sum <"$f")" ] || fail "$name.db was changed by a quiz"
done

# another program's database in WAL mode, its last changes still in the
# -wal (it was killed): a command that only reads leaves both as they were
python3 - "$work" <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1] + "/foreign-wal.db")
c.execute("PRAGMA journal_mode = WAL"); c.execute("PRAGMA wal_autocheckpoint = 0")
c.execute("CREATE TABLE t (x)"); c.execute("INSERT INTO t VALUES (1)"); c.commit()
os._exit(0)  # no close, no checkpoint: the rows stay in the -wal
PY
f=$work/foreign-wal.db
[ -s "$f-wal" ] || fail "the foreign database has no -wal to keep"
before=$(cat "$f" "$f-wal" | sha256sum)
for cmd in history report export users; do
	expect_exit 1 "foreign WAL database: $cmd refused" $RAPPORT --db "$f" --content $m $cmd
	expect_output "is not a rapport database \(it belongs to another program\)" "foreign WAL: $cmd says why"
done
[ "$before" = "$(cat "$f" "$f-wal" | sha256sum)" ] || fail "the foreign database or its -wal was changed"

# what needs no results still works beside a bad database
expect_exit 0 "lessons without the database" $RAPPORT --db "$work/foreign.db" --content $m lessons
finish
