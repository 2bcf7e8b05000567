/*
 * report_load.c - the analyses of `nps-stat report` beyond the first read:
 * the trend (the inputs read again keyed by the date and the --by
 * columns), the comparison (another file, or two arms of this data) and
 * the benchmark against a competitors file. Each calls the library the
 * way its own command does, so the page's numbers are that command's.
 */
#include <stdlib.h>
#include <string.h>

#include "benchmark_view.h"
#include "cli.h"
#include "common.h"
#include "compare_cmd.h"
#include "load.h"
#include "report.h"
#include "trend_view.h"

/* The trend: the data read again, keyed by the date column (then the --by
 * columns: one series per segment as well). */
int report_load_trend(report_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_trend_options *o = &cmd->trend;
  nps_csvin_options csv = c->csv;
  const char *columns[CLI_MAX_LIST + 1] = {cmd->d.date_column};
  for (size_t i = 0; i < c->n_by; i++)
    columns[i + 1] = c->by[i];
  csv.group_columns = columns;
  csv.n_group_columns = c->n_by + 1;
  trend_read_setup(c, &csv, o, cmd->what, sizeof cmd->what);
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  /* the notes of the read were printed by the first one */
  cli_common quiet = *c;
  quiet.quiet = 1;
  nps_csvin_report r;
  int rc = cli_load_paths(&quiet, &csv, "", cmd->paths, cmd->n_paths, t, &r);
  nps_status st = NPS_OK;
  if (rc == EXIT_OK &&
      (st = nps_trend_run(t, o, &cmd->d.trend, NULL)) != NPS_OK) {
    if (st == NPS_EINVAL && cmd->d.trend && cmd->d.trend->first_invalid)
      cli_error("%s: column '%s': '%.*s' is not a date (--date-format for "
                "other forms, --skip-invalid to skip such rows)",
                cmd->d.path, cmd->d.date_column,
                (int)cmd->d.trend->first_invalid_len,
                cmd->d.trend->first_invalid);
    else
      cli_error("trend: %s", nps_strerror(st));
    rc = st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  cmd->d.period = o->period;
  /* the trend's keys point into its table: keep it with the result */
  if (rc == EXIT_OK)
    cmd->trend_table = t;
  else
    nps_table_free(t);
  return rc;
}

/* The label `compare` gives a file ("dir/after.csv" -> "after"): the
 * samples' random streams are seeded by it, so the numbers match. */
static void compare_label(char *buf, size_t size, const char *path) {
  const char *stem;
  size_t len = cli_file_stem(path, &stem);
  snprintf(buf, size, "%.*s", (int)len, stem);
}

/* The other file into t[0], this data into t[1], each read as one group. */
static int load_files(report_cmd *cmd, cli_common *quiet, nps_table *t[2]) {
  nps_csvin_options csv = cmd->c->csv;
  csv.group_columns = NULL;
  csv.n_group_columns = 0;
  nps_csvin_report r;
  char *other[] = {(char *)cmd->d.compare_path};
  int rc = cli_load_paths(quiet, &csv, "", other, 1, t[0], &r);
  if (rc == EXIT_OK)
    rc = cli_load_paths(quiet, &csv, "", cmd->paths, cmd->n_paths, t[1], &r);
  compare_label(cmd->labels[0], sizeof cmd->labels[0], cmd->d.compare_path);
  compare_label(cmd->labels[1], sizeof cmd->labels[1],
                cmd->n_paths == 1 ? cmd->paths[0] : cmd->d.path);
  cmd->d.cmp_name[0] =
      strcmp(cmd->d.compare_path, "-") ? cmd->d.compare_path : "standard input";
  cmd->d.cmp_name[1] =
      strcmp(cmd->d.path, "-") ? cmd->d.path : "standard input";
  return rc;
}

/* This data read keyed by the arm column, split into its two arms. */
static int load_arms(report_cmd *cmd, cli_common *quiet, nps_table *t[2]) {
  cli_common *c = cmd->c;
  nps_csvin_options csv = c->csv;
  const char *columns[1] = {cmd->d.arm_column};
  csv.group_columns = columns;
  csv.n_group_columns = 1;
  nps_table *all = nps_table_new(c->max_groups);
  if (!all)
    return cli_out_of_memory();
  nps_csvin_report r;
  int rc = cli_load_paths(quiet, &csv, "", cmd->paths, cmd->n_paths, all, &r);
  uint64_t other = 0;
  if (rc == EXIT_OK)
    rc = compare_split_arms(c, cmd->d.path, cmd->d.arm_column, all, cmd->d.arms,
                            cmd->arm_owned, t, &other);
  nps_table_free(all);
  for (int i = 0; rc == EXIT_OK && i < 2; i++) {
    snprintf(cmd->labels[i], sizeof cmd->labels[i], "%s", cmd->d.arms[i]);
    cmd->d.cmp_name[i] = cmd->d.arms[i];
  }
  return rc;
}

/* The comparison, as `compare` runs it: sample 1 against sample 0. */
int report_load_compare(report_cmd *cmd) {
  cli_common *c = cmd->c;
  cli_common quiet = *c;
  quiet.quiet = 1;
  nps_table **t = cmd->cmp_tables;
  for (int i = 0; i < 2; i++)
    if (!(t[i] = nps_table_new(c->max_groups)))
      return cli_out_of_memory();
  int rc = cmd->d.arm_column ? load_arms(cmd, &quiet, t)
                             : load_files(cmd, &quiet, t);
  if (rc != EXIT_OK)
    return rc;
  nps_compare_options o;
  nps_compare_options_init(&o);
  o.ci = c->ci;
  o.level = c->level;
  o.replicates = c->boot;
  o.seed = c->seed;
  o.min_n = c->min_n;
  o.label[0] = cmd->d.cmp_label[0] = cmd->labels[0];
  o.label[1] = cmd->d.cmp_label[1] = cmd->labels[1];
  nps_run_error err = {-1, NULL, 0, 0, 0};
  nps_status st =
      nps_compare_run((const nps_table *const *)t, &o, &cmd->d.compare, &err);
  if (st == NPS_EEMPTY) {
    cli_error("%s: no responses", cmd->d.arm_column
                                      ? cmd->d.arms[err.sample == 0 ? 0 : 1]
                                  : err.sample == 0 ? cmd->d.compare_path
                                                    : cmd->d.path);
    return EXIT_DATA;
  }
  if (st != NPS_OK) {
    cli_error("compare: %s", nps_strerror(st));
    return compare_status_exit(st);
  }
  return EXIT_OK;
}

/* Our answers against the competitors file, as `benchmark` runs it. */
int report_load_benchmark(report_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_competitors_options read;
  nps_competitors_options_init(&read);
  read.skip_invalid = c->csv.skip_invalid;
  int rc = benchmark_read_file(c, cmd->d.competitors_path, &read, &cmd->comp);
  if (rc != EXIT_OK)
    return rc;
  if (cmd->comp->n_rows == 0) {
    cli_error("no competitors: %s has no competitor rows",
              cmd->d.competitors_path);
    return EXIT_DATA;
  }
  nps_benchmark_options o;
  nps_benchmark_options_init(&o);
  o.ci = c->ci;
  o.level = c->level;
  o.replicates = c->boot;
  o.seed = c->seed;
  o.rank_unlike = cmd->d.rank_unlike;
  nps_status st =
      nps_benchmark_run(&cmd->ours, cmd->comp, &o, &cmd->benchmark, NULL);
  if (st != NPS_OK) {
    cli_error("benchmark: %s", nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  benchmark_warn_context(c, cmd->d.competitors_path, cmd->benchmark, 0);
  cmd->d.comp = cmd->comp;
  cmd->d.benchmark = cmd->benchmark;
  return EXIT_OK;
}
