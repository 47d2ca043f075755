-- export.sql - what `rapport export --all --format csv` writes, as one query
-- in the sqlite3 shell: every answer of the course with its attempt and
-- person, in the same order and the same text. The benchmark binds the
-- course id as :course.
.headers on
.mode csv
SELECT a.uuid AS attempt, u.name AS user, a.course, a.kind,
       a.item AS activity, a.status,
       strftime('%Y-%m-%dT%H:%M:%SZ', a.started, 'unixepoch') AS started,
       strftime('%Y-%m-%dT%H:%M:%SZ', a.finished, 'unixepoch') AS finished,
       r.position, r.item, r.competency, r.outcome, r.response,
       iif(r.credit IS NULL, NULL, printf('%.15g', r.credit)) AS credit,
       iif(r.credit IS NULL, NULL, printf('%.15g', r.earned)) AS earned,
       iif(r.credit IS NULL, NULL, printf('%.15g', r.possible)) AS possible,
       r.keyed,
       strftime('%Y-%m-%dT%H:%M:%SZ', r.answered_at, 'unixepoch') AS answered,
       printf('%.3f', r.seconds) AS seconds
FROM attempts a
JOIN users u ON u.id = a.user_id
JOIN answers r ON r.attempt_id = a.id
WHERE a.course = :course
ORDER BY a.started, a.id, r.position, r.id;
