WITH nps_stat_cells AS (
  SELECT
    COALESCE(trim(CAST("channel" AS TEXT), ' ' || char(9)), '') AS nps_stat_g1,
    trim(CAST("score" AS TEXT), ' ' || char(9)) AS nps_stat_cell
  FROM "responses"
),
nps_stat_scores AS (
  SELECT
    nps_stat_g1,
    CASE
      WHEN nps_stat_cell IS NULL OR nps_stat_cell = ''
        OR nps_stat_cell IN ('NA', 'N/A', 'n/a', 'na', '#N/A', 'null', 'NULL', '-') THEN NULL
      WHEN (nps_stat_cell GLOB '[0-9]*' AND nps_stat_cell NOT GLOB '*[^0-9.]*' AND (instr(nps_stat_cell, '.') = 0 OR (substr(nps_stat_cell, instr(nps_stat_cell, '.') + 1) GLOB '0*' AND substr(nps_stat_cell, instr(nps_stat_cell, '.') + 1) NOT GLOB '*[^0]*'))) THEN
        CASE WHEN CAST(nps_stat_cell AS REAL) <= 10 THEN CAST(CAST(nps_stat_cell AS REAL) AS INTEGER) ELSE -1 END
      ELSE -1
    END AS nps_stat_score
  FROM nps_stat_cells
)
SELECT
  nps_stat_g1 AS "channel",
  nps_stat_score AS "score",
  COUNT(*) AS "count"
FROM nps_stat_scores
WHERE nps_stat_score IS NULL OR nps_stat_score >= 0
GROUP BY nps_stat_g1, nps_stat_score
ORDER BY nps_stat_g1, nps_stat_score NULLS LAST;
