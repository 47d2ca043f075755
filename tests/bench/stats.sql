-- stats.sql - the figures of `rapport stats --all`, as the sqlite3 shell
-- computes them from the same database: the finished attempts of each
-- quiz, self-assessment and exercise with their scores by tens and each
-- attempt's third; every item's answers, facility and standard deviation;
-- every option's picks overall and by third; and the sums of every pair
-- of items answered in the same attempt, from which the covariance matrix,
-- alpha and each item's correlation with the rest follow (that last step,
-- a few hundred multiplications, is left to the reader). The benchmark
-- binds the course id as :course.
.mode list

CREATE TEMP TABLE f AS
SELECT a.id, a.kind, a.item AS activity, a.score,
       ntile(3) OVER (PARTITION BY a.kind, a.item
                      ORDER BY a.score, a.id) AS third
FROM attempts a
WHERE a.course = :course AND a.status = 'finished'
  AND a.kind IN ('quiz', 'assessment', 'exercise') AND a.score IS NOT NULL;

-- the total, then the scores by tens
SELECT 'attempts', count(*) FROM f;
SELECT kind, activity, min(9, CAST(score / 10 AS INTEGER)), count(*),
       avg(score)
FROM f GROUP BY kind, activity, 3;

-- what counts: points earned, or a statement's keyed answer
CREATE TEMP TABLE v AS
SELECT f.id AS attempt, f.kind, f.activity, f.third, r.item, r.response,
       iif(f.kind = 'assessment', r.keyed, r.earned) AS x,
       iif(f.kind = 'assessment', 1, r.possible) AS p
FROM f CROSS JOIN answers r ON r.attempt_id = f.id
WHERE iif(f.kind = 'assessment', r.outcome = 'answered',
          r.possible > 0);
CREATE INDEX v_by_attempt ON v(attempt, item);

-- per item
SELECT kind, activity, item, count(*), sum(x) / sum(p),
       sqrt(max(0, (sum(x * x / (p * p)) - sum(x / p) * sum(x / p) / count(*))
                   / (count(*) - 1)))
FROM v GROUP BY kind, activity, item;

-- per option, overall and by third
SELECT v.activity, v.item, j.value, v.third, count(*)
FROM v, json_each(v.response) j
WHERE v.response LIKE '[%' AND j.type = 'text'
GROUP BY v.activity, v.item, j.value, v.third;

-- the pairwise sums of the covariance matrix
SELECT a.activity, a.item, b.item, count(*), sum(a.x), sum(b.x),
       sum(a.x * a.x), sum(b.x * b.x), sum(a.x * b.x)
FROM v a JOIN v b ON b.attempt = a.attempt AND b.item >= a.item
GROUP BY a.activity, a.item, b.item;
