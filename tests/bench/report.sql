-- report.sql - the figures of `rapport report --all`, as the sqlite3 shell
-- computes them from the same database: the totals; each person's
-- knowledge and self-rating by competency from the latest finished
-- attempt of each quiz, exercise and self-assessment; each person's scores
-- over time; every question's asked and missed counts and the options
-- picked when it was missed. The benchmark binds the course id as :course.
.mode list

-- the totals line
SELECT count(DISTINCT a.user_id), count(*),
       (SELECT count(*) FROM answers r JOIN attempts b ON b.id = r.attempt_id
        WHERE b.course = :course)
FROM attempts a WHERE a.course = :course;

-- knowledge and self-rating by person and competency
WITH latest AS (
  SELECT id, user_id, kind FROM (
    SELECT a.id, a.user_id, a.kind,
           row_number() OVER (PARTITION BY a.user_id, a.kind, a.item
                              ORDER BY a.finished DESC, a.id DESC) AS nth
    FROM attempts a
    WHERE a.course = :course AND a.status = 'finished'
      AND a.finished IS NOT NULL
      AND a.kind IN ('quiz', 'exercise', 'assessment'))
  WHERE nth = 1)
SELECT u.name, s.competency,
       100.0 * sum(iif(l.kind != 'assessment', s.earned, NULL))
             / nullif(sum(iif(l.kind != 'assessment', s.possible, NULL)), 0),
       avg(iif(l.kind = 'assessment' AND s.scored, s.score, NULL))
FROM latest l
JOIN attempt_scores s ON s.attempt_id = l.id
JOIN users u ON u.id = l.user_id
GROUP BY u.name, s.competency
ORDER BY u.name COLLATE NOCASE, u.name, s.competency;

-- scores over time
SELECT name, count(*), group_concat(round(score), ' ') FROM (
  SELECT u.name, a.score FROM attempts a JOIN users u ON u.id = a.user_id
  WHERE a.course = :course AND a.status = 'finished'
    AND a.kind IN ('quiz', 'exercise') AND a.score IS NOT NULL
  ORDER BY u.name, a.finished, a.id)
GROUP BY name;

-- most missed questions (CROSS JOIN keeps attempts as the outer loop:
-- left to itself, with no ANALYZE statistics, the planner walks the
-- answers_by_item index and looks every answer up, four times slower)
SELECT r.item, count(*) AS asked,
       sum(r.outcome IN ('wrong', 'partial', 'skipped')) AS missed
FROM attempts a CROSS JOIN answers r ON r.attempt_id = a.id
WHERE a.course = :course AND a.kind IN ('quiz', 'exercise')
GROUP BY r.item HAVING missed > 0
ORDER BY missed DESC, 1.0 * missed / asked DESC, r.item;

-- what was picked when a question was missed
SELECT r.item, j.value, count(*)
FROM attempts a CROSS JOIN answers r ON r.attempt_id = a.id,
     json_each(r.response) j
WHERE a.course = :course AND a.kind IN ('quiz', 'exercise')
  AND r.outcome IN ('wrong', 'partial', 'skipped')
  AND r.response LIKE '[%' AND j.type = 'text'
GROUP BY r.item, j.value;
