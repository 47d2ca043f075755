-- export_json.sql - the attempts that `rapport export --all --format json`
-- writes, built by the sqlite3 shell's JSON functions: one object an
-- attempt, with its plan, answers and competency scores, in the same
-- order (compact rather than indented, and without the file's header).
-- The benchmark binds the course id as :course.
.mode list
SELECT json_object(
  'uuid', a.uuid, 'user', u.name, 'course', a.course, 'kind', a.kind,
  'item', a.item, 'status', a.status,
  'started', strftime('%Y-%m-%dT%H:%M:%SZ', a.started, 'unixepoch'),
  'finished', strftime('%Y-%m-%dT%H:%M:%SZ', a.finished, 'unixepoch'),
  'seed', a.seed, 'fingerprint', a.fingerprint, 'meeting', a.meeting,
  'total', a.total, 'score', a.score, 'band', a.band,
  'passed', json(CASE a.passed WHEN 1 THEN 'true' WHEN 0 THEN 'false' END),
  'straight_lining',
    json(CASE a.straight_lining WHEN 1 THEN 'true' WHEN 0 THEN 'false' END),
  'plan', (SELECT json_group_array(json_object(
             'position', i.position, 'item', i.item,
             'choices', json(i.choices)))
           FROM (SELECT * FROM attempt_items WHERE attempt_id = a.id
                 ORDER BY position) i),
  'answers', (SELECT json_group_array(json_object(
                'position', r.position, 'item', r.item,
                'competency', r.competency, 'outcome', r.outcome,
                'response', json(r.response), 'credit', r.credit,
                'earned', r.earned, 'possible', r.possible, 'keyed', r.keyed,
                'answered',
                  strftime('%Y-%m-%dT%H:%M:%SZ', r.answered_at, 'unixepoch'),
                'seconds', r.seconds))
              FROM (SELECT * FROM answers WHERE attempt_id = a.id
                    ORDER BY position, id) r),
  'scores', (SELECT json_group_array(json_object(
               'competency', s.competency,
               'scored', json(iif(s.scored, 'true', 'false')),
               'score', s.score, 'earned', s.earned, 'possible', s.possible,
               'answered', s.answered, 'total', s.total))
             FROM (SELECT * FROM attempt_scores WHERE attempt_id = a.id
                   ORDER BY competency) s))
FROM attempts a JOIN users u ON u.id = a.user_id
WHERE a.course = :course
ORDER BY a.started, a.id;
