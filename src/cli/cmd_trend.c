/*
 * cmd_trend.c - `nps-stat trend FILE --date COL --period month`: NPS over
 * time. Each period's n, shares, NPS and interval, gaps shown, the change
 * from the period before with p-values adjusted across the series, the
 * slope per period (over the span; per year when it spans one), partial
 * periods marked, control limits, and --fail-if gates for monitoring.
 *
 * Options in, the file read keyed by the date column, one call of the
 * trend analysis (nps_trend_run), and the result handed to the
 * presentation step (trend_view.c, trend_chart.c).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "counts_out.h"
#include "inputs.h"
#include "load.h"
#include "present.h"
#include "render.h"
#include "trend_view.h"

static void print_help(void) {
  printf(
      "Usage: nps-stat trend FILE... --date COL [--period P] [OPTIONS]\n"
      "\n"
      "NPS over time. Every period's n, shares, NPS and interval (periods "
      "with\nno answers between the first and the last are shown as gaps); "
      "the change\nfrom the period before by a Wald z test with its own "
      "interval, the p-values\nadjusted across the series; the trend per "
      "period (weighted least squares)\nand the change it makes over the "
      "periods fitted (per year too when they\nspan a year); control "
      "limits at 3 standard errors around the long-run NPS.\nPeriods below "
      "--min-n are shown, marked, and left out of the tests. A period\n"
      "whose dates the answers do not cover (a start or end with no answers "
      "for\ntwice the typical gap between answer days, e.g. the current "
      "month) is\nmarked partial and left out of the tests and the control "
      "limits.\n"
      "\n"
      "  --date COL           the date column (required): ISO 8601 dates or\n"
      "                       date-times (the local date as written), or "
      "period\n"
      "                       labels 2025-03-31, 2025-W09, 2025-03, "
      "2025-Q1, 2025\n"
      "  --period P           day, week (ISO), month (default), quarter, "
      "year\n"
      "  --date-format F      dates written otherwise: %%d %%m %%Y %%y %%H "
      "%%M %%S and\n"
      "                       literal text, e.g. %%d.%%m.%%Y or %%m/%%d/%%Y "
      "(never guessed)\n"
      "  --since D, --until D only dates from D, up to D (YYYY-MM-DD; a "
      "period\n"
      "                       label counts as its first day)\n"
      "  --by COL[,COL]       one series per segment too (each over the "
      "periods\n"
      "                       of all answers)\n"
      "  --baseline N         control limits from the first N periods "
      "(default:\n"
      "                       all periods pooled)\n"
      "  --include-partial    test, fit and pool partial periods like the "
      "others\n"
      "                       (they stay marked)\n"
      "  --adjust M           holm (default), bh, bonferroni, none: across "
      "the\n"
      "                       period-to-period changes\n"
      "  --fail-if C          exit 1 when C holds for the latest period: "
      "drop (it\n"
      "                       fell significantly from the one before, by "
      "the\n"
      "                       adjusted p the table shows) or\n"
      "                       out-of-control (outside the control limits)\n"
      "\nThe --plot chart: NPS per period with its interval band, the "
      "control\nlimits, flagged periods marked, n under each period.\n"
      "\n%s"
      "\nExamples:\n"
      "  nps-stat trend responses.csv --date date --period month\n"
      "  nps-stat trend export.csv --date Submitted --date-format "
      "'%%d.%%m.%%Y %%H:%%M' --period week\n"
      "  nps-stat trend counts.csv --input counts --date month --format "
      "json\n"
      "  nps-stat trend weekly/ --date date --period week --fail-if drop "
      "--quiet\n",
      cli_common_help);
}

enum {
  OPT_DATE = 512,
  OPT_PERIOD,
  OPT_DATE_FORMAT,
  OPT_SINCE,
  OPT_UNTIL,
  OPT_BASELINE,
  OPT_ADJUST,
  OPT_FAIL_IF,
  OPT_INCLUDE_PARTIAL
};

typedef struct trend_cmd {
  trend_view v;
  cli_common *c;
  nps_trend_options analysis;
  char what[256]; /* a valid date, for the reader's messages */
  const char *columns[CLI_MAX_LIST + 1]; /* the date, then the --by columns */
  char *const *paths;                    /* the inputs, read as one data set */
  size_t n_paths;
} trend_cmd;

static int set_fail_if(trend_cmd *cmd, const char *arg) {
  if (strcmp(arg, "drop") == 0)
    cmd->v.fail_if = TREND_FAIL_DROP;
  else if (strcmp(arg, "out-of-control") == 0)
    cmd->v.fail_if = TREND_FAIL_OUT_OF_CONTROL;
  else
    return cli_usage_error(cmd->c->command,
                           "--fail-if must be drop or out-of-control, not "
                           "'%s'",
                           arg);
  return 0;
}

static int set_day(trend_cmd *cmd, const char *flag, const char *arg,
                   int64_t *out) {
  if (nps_date_parse(arg, strlen(arg), NULL, out) == NPS_OK &&
      strlen(arg) == 10)
    return 0;
  return cli_usage_error(cmd->c->command,
                         "%s wants a date YYYY-MM-DD, not '%s'", flag, arg);
}

static int trend_option(void *ctx, int opt, const char *arg) {
  trend_cmd *cmd = ctx;
  nps_trend_options *o = &cmd->analysis;
  uint64_t n;
  switch (opt) {
  case OPT_DATE:
    cmd->v.date_column = arg;
    return 0;
  case OPT_PERIOD:
    return cli_period_arg(cmd->c, arg, &o->period);
  case OPT_DATE_FORMAT:
    if (cli_date_format_arg(cmd->c, arg))
      return EXIT_USAGE;
    o->date_format = arg;
    return 0;
  case OPT_SINCE:
    return set_day(cmd, "--since", arg, &o->since);
  case OPT_UNTIL:
    return set_day(cmd, "--until", arg, &o->until);
  case OPT_BASELINE:
    if (cli_number_option(cmd->c, "--baseline", arg, 1, &n))
      return EXIT_USAGE;
    o->baseline = n > SIZE_MAX ? SIZE_MAX : (size_t)n;
    return 0;
  case OPT_ADJUST:
    if (nps_multi_method_parse(arg, &o->adjust) == NPS_OK)
      return 0;
    return cli_usage_error(cmd->c->command,
                           "--adjust must be holm, bh, bonferroni or none, "
                           "not '%s'",
                           arg);
  case OPT_FAIL_IF:
    return set_fail_if(cmd, arg);
  case OPT_INCLUDE_PARTIAL:
    o->include_partial = 1;
    return 0;
  default:
    return -1;
  }
}

static int parse_args(int argc, char **argv, trend_cmd *cmd) {
  static const struct option options[] = {
      {"date", 1, 0, OPT_DATE},
      {"period", 1, 0, OPT_PERIOD},
      {"date-format", 1, 0, OPT_DATE_FORMAT},
      {"since", 1, 0, OPT_SINCE},
      {"until", 1, 0, OPT_UNTIL},
      {"baseline", 1, 0, OPT_BASELINE},
      {"adjust", 1, 0, OPT_ADJUST},
      {"fail-if", 1, 0, OPT_FAIL_IF},
      {"include-partial", 0, 0, OPT_INCLUDE_PARTIAL},
      {"by", 1, 0, OPT_BY},
      CLI_COMMON_OPTIONS,
      {0, 0, 0, 0}};
  cli_common *c = cmd->c;
  int rc =
      cli_parse_options(argc, argv, options, c, print_help, trend_option, cmd);
  if (rc)
    return rc;
  if (!cmd->v.date_column)
    return cli_usage_error(c->command, "--date COL is required: the column "
                                       "with the date of each answer");
  if (cmd->analysis.since > cmd->analysis.until)
    return cli_usage_error(c->command, "--since is after --until");
  if (cli_plot_check(c))
    return EXIT_USAGE;
  if ((rc = cli_take_inputs(c, argc, argv, "FILE", &cmd->paths, &cmd->n_paths,
                            &cmd->v.path)))
    return rc;
  nps_trend_options *o = &cmd->analysis;
  cmd->columns[0] = cmd->v.date_column;
  for (size_t i = 0; i < c->n_by; i++)
    cmd->columns[i + 1] = c->by[i];
  c->csv.group_columns = cmd->columns;
  c->csv.n_group_columns = c->n_by + 1;
  if (c->format == FORMAT_COUNTS && (rc = cli_counts_check(c, NULL)))
    return rc;
  trend_read_setup(c, &c->csv, o, cmd->what, sizeof cmd->what);
  return 0;
}

void trend_read_setup(const cli_common *c, nps_csvin_options *csv,
                      nps_trend_options *o, char *what, size_t size) {
  csv->group_map = nps_trend_key_map;
  csv->group_map_ctx = o;
  if (o->date_format)
    snprintf(what, size,
             "a date of --date-format '%s' (--skip-invalid skips such rows)",
             o->date_format);
  else
    snprintf(what, size,
             "a date (YYYY-MM-DD, a date-time, or a period label such as "
             "2025-03; --date-format reads other forms, --skip-invalid "
             "skips such rows)");
  csv->group_map_what = what;
  o->ci = c->ci;
  o->level = c->level;
  o->replicates = c->boot;
  o->seed = c->seed;
  o->min_n = c->min_n;
  o->skip_invalid = c->csv.skip_invalid;
}

static int analysis_error(trend_cmd *cmd, nps_status st, const nps_trend *r) {
  const char *path = strcmp(cmd->v.path, "-") ? cmd->v.path : "standard input";
  if (st == NPS_EEMPTY) {
    cli_error("%s: no responses with a date%s", path,
              r && r->outside_answers ? " inside --since/--until" : "");
    return EXIT_DATA;
  }
  if (st == NPS_EINVAL && r && r->first_invalid) {
    cli_error("%s: column '%s': '%.*s' is not a date%s (expected %s; "
              "--date-format for others, --skip-invalid to skip such rows)",
              path, cmd->v.date_column, (int)r->first_invalid_len,
              r->first_invalid, r->first_invalid_len ? "" : " (empty)",
              r->options.date_format ? r->options.date_format
                                     : "YYYY-MM-DD, a date-time or a period "
                                       "label such as 2025-03");
    return EXIT_DATA;
  }
  if (st == NPS_EGROUPS && r) {
    cli_error("%s: the dates span %lld %ss, more than %d; use a coarser "
              "--period or --since/--until",
              path, (long long)r->span, nps_period_name(r->options.period),
              NPS_TREND_MAX_PERIODS);
    return EXIT_DATA;
  }
  cli_error("trend: %s", nps_strerror(st));
  return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
}

static int analyse(trend_cmd *cmd, const nps_table *t, nps_trend **res) {
  const cli_common *c = cmd->c;
  nps_status st = nps_trend_run(t, &cmd->analysis, res, NULL);
  if (st != NPS_OK)
    return analysis_error(cmd, st, *res);
  if ((*res)->invalid_keys)
    cli_warn(c,
             "%s: skipped %llu answers under %llu values of '%s' that are "
             "not dates (first: '%.*s')",
             cmd->v.path, (unsigned long long)(*res)->invalid_answers,
             (unsigned long long)(*res)->invalid_keys, cmd->v.date_column,
             (int)(*res)->first_invalid_len, (*res)->first_invalid);
  size_t small = (*res)->n_small;
  for (size_t i = 0; i < (*res)->n_segments; i++)
    small += (*res)->segments[i]->n_small;
  if (small)
    cli_warn(c, "%s: %zu period%s below --min-n %llu: shown, not tested",
             cmd->v.path, small, small == 1 ? "" : "s",
             (unsigned long long)c->min_n);
  return EXIT_OK;
}

static int run(trend_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_trend *res = NULL;
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  int rc = cli_load_paths(c, &c->csv, "", cmd->paths, cmd->n_paths, t,
                          &cmd->v.report);
  if (rc == EXIT_OK && c->format == FORMAT_COUNTS) {
    rc = trend_counts_write(c, &cmd->analysis, t);
    nps_table_free(t);
    return rc;
  }
  if (rc == EXIT_OK)
    rc = analyse(cmd, t, &res);
  cmd->v.res = res;
  if (rc == EXIT_OK) {
    cli_view v;
    trend_view_init(&cmd->v, &v);
    rc = cli_present(c, &v);
  }
  char msg[256];
  if (rc == EXIT_OK && trend_fails(&cmd->v, msg, sizeof msg)) {
    fprintf(stderr, "nps-stat: --fail-if %s: %s\n",
            trend_fail_name(cmd->v.fail_if), msg);
    rc = EXIT_CONDITION;
  }
  nps_trend_free(res);
  nps_table_free(t);
  return rc;
}

int cmd_trend(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "trend");
  c.min_n = NPS_TREND_MIN_N;
  trend_cmd cmd = {.v = {.opt = &c}, .c = &c};
  nps_trend_options_init(&cmd.analysis);
  int rc = parse_args(argc, argv, &cmd);
  if (rc == 0)
    rc = run(&cmd);
  else if (rc < 0)
    rc = EXIT_OK;
  cli_common_free(&c);
  return rc;
}
