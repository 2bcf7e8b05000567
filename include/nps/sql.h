/*
 * sql.h - the aggregation query that turns a table of survey responses in a
 * database into counts input (csvin.h, NPS_INPUT_COUNTS, long form).
 *
 * The data stays in the engine: one GROUP BY reduces the rows to one score
 * histogram per group, and the result (group columns, an optional period
 * column, score, count) is what the counts reader takes. This module only
 * builds text; it never connects to anything.
 *
 * The query mirrors how the raw reader reads a cell:
 *   - every cell is read as text (CAST to the dialect's string type) with
 *     spaces and tabs trimmed from both ends, as the reader trims cells;
 *   - a group or filter cell that is NULL is the empty string, as an empty
 *     CSV cell;
 *   - a score cell that is NULL, empty or one of the NA values is a missing
 *     answer: its row has an empty (NULL) score and its count goes to the
 *     group's missing tally;
 *   - a score is digits with an optional fraction of zeros ("9", "09",
 *     "9.0") whose value is 0..10; every other score cell ("7.5", "11",
 *     "abc") is left out, as the reader's skip_invalid would skip it
 *     (labelled scores such as "10 - Extremely likely" are left out too);
 *   - a filter keeps (or drops) the rows whose trimmed cell equals one of
 *     its values byte for byte;
 *   - the period of a date cell is taken from its first ten characters,
 *     YYYY-MM-DD, the date as written (a date-time's offset is ignored, as
 *     dates.h does), and written as nps_period_label writes it (2025-03,
 *     2025-Q1, 2025-W09, 2025, 2025-03-31), so the column feeds a trend
 *     with the same periods. A NULL date gives an empty period, which a
 *     trend reports as a blank date.
 * Column names are used exactly as given: the reader's other ways of
 * naming a column ("#N", ignoring case, a part of the name) do not apply.
 *
 * Every name is written as a quoted identifier and every value as a string
 * literal, escaped by the rules of the dialect:
 *   duckdb, postgres, sqlite   "name" with " doubled; 'value' with '
 *                              doubled (postgres: standard_conforming_strings
 *                              on, its default since 9.1)
 *   bigquery                   `name` and 'value' with backslash escapes
 *                              (\` \' \\ \n \r \t, \u00XX for other controls)
 *   spark                      `name` with ` doubled; 'value' with backslash
 *                              escapes (\' \\ \n \r \t, \u00XX); assumes
 *                              spark.sql.parser.escapedStringLiterals off
 *   clickhouse                 `name` and 'value' with backslash escapes
 *                              (\` \' \\ \n \r \t, \xXX)
 * A name or value that a dialect cannot hold is refused (NPS_EINVAL), never
 * altered: an empty name, invalid UTF-8, and for postgres a name over 63
 * bytes (PostgreSQL would cut it).
 */
#ifndef NPS_SQL_H
#define NPS_SQL_H

#include <stddef.h>

#include "csvin.h"
#include "dates.h"
#include "export.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nps_sql_dialect {
  NPS_SQL_DUCKDB,
  NPS_SQL_POSTGRES,
  NPS_SQL_SQLITE,
  NPS_SQL_BIGQUERY,
  NPS_SQL_SPARK,
  NPS_SQL_CLICKHOUSE
} nps_sql_dialect;

/* Parses "duckdb", "postgres", "sqlite", "bigquery", "spark", "clickhouse".
 * NPS_EINVAL otherwise. */
NPS_API nps_status nps_sql_dialect_parse(const char *name,
                                         nps_sql_dialect *out);

/* The name nps_sql_dialect_parse accepts; "" for a value out of range. */
NPS_API const char *nps_sql_dialect_name(nps_sql_dialect d);

/* The names of the columns of the query's result besides the group
 * columns. */
#define NPS_SQL_PERIOD_COLUMN "period"
#define NPS_SQL_SCORE_COLUMN  "score"
#define NPS_SQL_COUNT_COLUMN  "count"

/* ABI: the caller allocates it and fills it with nps_sql_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_sql_options {
  nps_sql_dialect dialect;
  const char *schema;       /* schema, dataset or database; NULL: none */
  const char *table;        /* required */
  const char *score_column; /* required */
  const char *const *group_columns; /* result columns, in this order */
  size_t n_group_columns;
  const char *date_column;      /* NULL: no period column */
  nps_period period;            /* with date_column: NPS_PERIOD_MONTH */
  const char *const *na_values; /* NULL: nps_csvin_default_na */
  size_t n_na_values;
  const nps_csvin_filter *filters; /* all must hold for a row to count */
  size_t n_filters;
} nps_sql_options;

/* Sets the defaults: duckdb, month, no groups, filters or schema. */
NPS_API void nps_sql_options_init(nps_sql_options *o);

/* What a refused option is. */
typedef enum nps_sql_part {
  NPS_SQL_PART_TABLE,
  NPS_SQL_PART_SCHEMA,
  NPS_SQL_PART_SCORE,
  NPS_SQL_PART_GROUP,         /* group_columns[index] */
  NPS_SQL_PART_DATE,          /* date_column */
  NPS_SQL_PART_FILTER_COLUMN, /* filters[index].column */
  NPS_SQL_PART_FILTER_VALUE,  /* filters[index].values[value] */
  NPS_SQL_PART_NA_VALUE       /* na_values[index] */
} nps_sql_part;

typedef struct nps_sql_error {
  nps_sql_part part;
  size_t index;
  size_t value;
  char message[160]; /* why, without the name: "is empty" */
} nps_sql_error;

/* Writes the query (one statement, ending in ";\n") to *query, malloc'ed;
 * the caller frees it. The result has the group columns (named as given),
 * then NPS_SQL_PERIOD_COLUMN when date_column is set, then
 * NPS_SQL_SCORE_COLUMN (an integer 0..10, or NULL for missing answers) and
 * NPS_SQL_COUNT_COLUMN, one row per distinct combination, ordered by all
 * columns but the count (NULL scores last).
 *
 * Returns NPS_OK; NPS_EINVAL when an option is missing or cannot be
 * written in the dialect (err, which may be NULL, says which and why):
 * besides the rules above, a group or date column that the counts reader
 * would take for one of its own columns (score, count, n, responses, freq,
 * frequency, promoters, passives, detractors, 0..10, s0..s10, and period
 * with a date column, ignoring ASCII case), a group column given twice, a
 * column name beginning with "nps_stat_" (the query's own names), a filter
 * without values; NPS_ENOMEM. */
NPS_API nps_status nps_sql_counts_query(const nps_sql_options *o, char **query,
                                        nps_sql_error *err);

#ifdef __cplusplus
}
#endif
#endif
