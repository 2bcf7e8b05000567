/*
 * cmd_sql.c - `nps-stat sql --dialect D --table T --score COL`: prints the
 * GROUP BY query that reduces a table of responses in a database engine to
 * counts input, so that the rows never leave the warehouse.
 *
 * Options in, one call of the library's query builder (nps_sql_counts_query),
 * the text out. No input file is read.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "nps/sql.h"

#include "cli.h"
#include "common.h"
#include "outfile.h"

static void print_help(void) {
  printf(
      "Usage: nps-stat sql --dialect D --table T --score COL [--by "
      "COL[,COL...]]\n"
      "                    [--date COL [--period P]] [OPTIONS]\n"
      "\n"
      "Prints the aggregation query that turns a table of responses in a\n"
      "database into counts input for nps-stat: one row per group (and "
      "period)\nand score with its count, missing answers as an empty "
      "score. Run it\nin the engine, save the result as CSV and read it as "
      "counts input: the\nnumbers are those of the raw answers. "
      "Names are quoted and values\nescaped by the dialect's rules; nothing "
      "is connected to or run.\n"
      "\n"
      "  --dialect D          duckdb, postgres, sqlite, bigquery, spark or "
      "clickhouse\n"
      "  --table T            the table of responses, one row per answer\n"
      "  --schema S           the schema, dataset or database that holds T\n"
      "  --score COL          the score column (required)\n"
      "  --by COL[,COL]       group columns, first in the result\n"
      "  --date COL           also a period column 'period' from the dates "
      "of COL\n"
      "                       (YYYY-MM-DD..., the date as written)\n"
      "  --period P           day, week (ISO), month (default), quarter, "
      "year:\n"
      "                       labelled as trend labels them (2025-03, "
      "2025-Q1)\n"
      "  --where COL=V[,V]    keep rows whose COL is one of the values\n"
      "  --exclude COL=V[,V]  drop rows whose COL is one of the values\n"
      "  --na-values LIST     score texts that are missing answers "
      "(default:\n"
      "                       NA,N/A,n/a,na,#N/A,null,NULL,-)\n"
      "  --output FILE        write the query to FILE (written whole or not "
      "at all)\n"
      "  --quiet              no notes or warnings on stderr\n"
      "\n"
      "Cells are compared and grouped as text trimmed of spaces and tabs, "
      "NULL\nas empty; a score is 0..10 written as digits (9, 09, 9.0), "
      "other scores\nare left out, as a read that skips invalid rows would. "
      "Column names\nare used exactly as given. docs/scale.md has the "
      "queries per engine.\n"
      "\nExamples:\n"
      "  nps-stat sql --dialect duckdb --table responses --score score --by "
      "channel\n"
      "  nps-stat sql --dialect postgres --schema survey --table responses "
      "--score score \\\n"
      "      --date date --period quarter --exclude 'status=Survey Preview'\n"
      "  nps-stat sql --dialect bigquery --schema my-project.cx --table "
      "nps --score ltr --by region\n");
}

enum { OPT_DIALECT = 512, OPT_TABLE, OPT_SCHEMA, OPT_DATE, OPT_PERIOD };

typedef struct sql_args {
  cli_common *c;
  nps_sql_options *o;
  int dialect_given, period_given;
} sql_args;

static int sql_option(void *ctx, int opt, const char *arg) {
  sql_args *a = ctx;
  switch (opt) {
  case OPT_DIALECT:
    if (nps_sql_dialect_parse(arg, &a->o->dialect) != NPS_OK)
      return cli_usage_error(a->c->command,
                             "--dialect must be duckdb, postgres, sqlite, "
                             "bigquery, spark or clickhouse, not '%s'",
                             arg);
    a->dialect_given = 1;
    return 0;
  case OPT_TABLE:
    a->o->table = arg;
    return 0;
  case OPT_SCHEMA:
    a->o->schema = arg;
    return 0;
  case OPT_DATE:
    a->o->date_column = arg;
    return 0;
  case OPT_PERIOD:
    if (nps_period_parse(arg, &a->o->period) != NPS_OK)
      return cli_usage_error(a->c->command,
                             "--period must be day, week, month, quarter or "
                             "year, not '%s'",
                             arg);
    a->period_given = 1;
    return 0;
  default:
    return -1;
  }
}

static int parse_args(int argc, char **argv, cli_common *c,
                      nps_sql_options *o) {
  static const struct option options[] = {
      {"dialect", 1, 0, OPT_DIALECT}, {"table", 1, 0, OPT_TABLE},
      {"schema", 1, 0, OPT_SCHEMA},   {"score", 1, 0, OPT_SCORE},
      {"by", 1, 0, OPT_BY},           {"date", 1, 0, OPT_DATE},
      {"period", 1, 0, OPT_PERIOD},   {"where", 1, 0, OPT_WHERE},
      {"exclude", 1, 0, OPT_EXCLUDE}, {"na-values", 1, 0, OPT_NA_VALUES},
      {"output", 1, 0, OPT_OUTPUT},   {"quiet", 0, 0, OPT_QUIET},
      {"help", 0, 0, OPT_HELP},       {0, 0, 0, 0}};
  sql_args a = {c, o, 0, 0};
  int rc =
      cli_parse_options(argc, argv, options, c, print_help, sql_option, &a);
  if (rc)
    return rc;
  if (optind != argc)
    return cli_usage_error(c->command,
                           "no input FILE: the query runs where the data is "
                           "(unexpected '%s')",
                           argv[optind]);
  if (!a.dialect_given)
    return cli_usage_error(c->command, "missing --dialect (duckdb, postgres, "
                                       "sqlite, bigquery, spark or "
                                       "clickhouse)");
  if (!o->table)
    return cli_usage_error(c->command, "missing --table");
  if (!c->csv.score_column)
    return cli_usage_error(c->command, "missing --score");
  if (a.period_given && !o->date_column)
    return cli_usage_error(c->command, "--period needs --date COL");
  o->score_column = c->csv.score_column;
  o->group_columns = c->by;
  o->n_group_columns = c->n_by;
  o->na_values = c->csv.na_values;
  o->n_na_values = c->csv.n_na_values;
  o->filters = c->csv.filters;
  o->n_filters = c->csv.n_filters;
  return 0;
}

/* "--by column 'x'": what the refused name is, in the terms of the flags. */
static void refused_what(const nps_sql_options *o, const nps_sql_error *e,
                         char *buf, size_t size) {
  const nps_csvin_filter *f = e->part == NPS_SQL_PART_FILTER_COLUMN ||
                                      e->part == NPS_SQL_PART_FILTER_VALUE
                                  ? &o->filters[e->index]
                                  : NULL;
  const char *flag = f && f->exclude ? "--exclude" : "--where";
  switch (e->part) {
  case NPS_SQL_PART_TABLE:
    snprintf(buf, size, "--table '%s'", o->table);
    break;
  case NPS_SQL_PART_SCHEMA:
    snprintf(buf, size, "--schema '%s'", o->schema);
    break;
  case NPS_SQL_PART_SCORE:
    snprintf(buf, size, "--score column '%s'", o->score_column);
    break;
  case NPS_SQL_PART_GROUP:
    snprintf(buf, size, "--by column '%s'", o->group_columns[e->index]);
    break;
  case NPS_SQL_PART_DATE:
    snprintf(buf, size, "--date column '%s'", o->date_column);
    break;
  case NPS_SQL_PART_FILTER_COLUMN:
    snprintf(buf, size, "%s column '%s'", flag, f->column);
    break;
  case NPS_SQL_PART_FILTER_VALUE:
    snprintf(buf, size, "%s %s: value '%s'", flag, f->column,
             f->n_values ? f->values[e->value] : "");
    break;
  case NPS_SQL_PART_NA_VALUE:
    snprintf(buf, size, "--na-values value '%s'", o->na_values[e->index]);
    break;
  }
}

static int run(cli_common *c, const nps_sql_options *o) {
  char *query = NULL;
  nps_sql_error e;
  nps_status st = nps_sql_counts_query(o, &query, &e);
  if (st == NPS_ENOMEM)
    return cli_out_of_memory();
  if (st != NPS_OK) {
    char what[512];
    refused_what(o, &e, what, sizeof what);
    return cli_usage_error(c->command, "%s %s (%s)", what, e.message,
                           nps_sql_dialect_name(o->dialect));
  }
  cli_out out;
  int rc = cli_out_open(&out, c->output);
  if (rc == EXIT_OK) {
    fputs(query, out.fp);
    rc = cli_out_close(&out, 1);
  }
  free(query);
  return rc;
}

int cmd_sql(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "sql");
  nps_sql_options o;
  nps_sql_options_init(&o);
  int rc = parse_args(argc, argv, &c, &o);
  if (rc == 0)
    rc = run(&c, &o);
  else if (rc < 0)
    rc = EXIT_OK;
  cli_common_free(&c);
  return rc;
}
