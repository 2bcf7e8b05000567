/*
 * cmd_report.c - `nps-stat report FILE [--by COL[,COL]] [--date COL
 * --period P] -o report.html`: one self-contained HTML page with the
 * headline NPS, the segments and the trend, each with a finding, a chart
 * and a table, then the methods and the data provenance.
 *
 * Options in; the data read once grouped by the --by columns (summary and
 * segments analyses) and, with --date, once more keyed by the date (trend
 * analysis); the page written by report_html.c into --output, committed
 * whole (outfile.c) or not at all.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "filters.h"
#include "inputs.h"
#include "load.h"
#include "outfile.h"
#include "report.h"

static void print_help(void) {
  printf(
      "Usage: nps-stat report FILE... -o REPORT.html [--by COL[,COL...]]\n"
      "                       [--date COL [--period P]]\n"
      "                       [--compare-with FILE | --arm COL [--arms A,B]]\n"
      "                       [--competitors COMP.csv] [OPTIONS]\n"
      "\n"
      "One self-contained HTML page (inline style and SVG charts, no "
      "script,\nnothing loaded from the network): the headline NPS with its "
      "interval\nand n; with --by, the segments (as `segments` computes "
      "them); with\n--date, the trend (as `trend` computes it, one line per "
      "segment too with\n--by); with --compare-with or --arm, a comparison "
      "(as `compare`); with\n--competitors, a benchmark (as `benchmark`); "
      "each with a one-line\nfinding, a chart and a table; then the methods, "
      "the seed "
      "and the data\nprovenance. Every label is HTML-escaped. Charts need "
      "gnuplot; without\nit the page has the tables and a note, and a "
      "warning is printed.\n"
      "\n"
      "  -o, --output FILE    the page to write (required; '-' for standard\n"
      "                       output)\n"
      "  --by COL[,COL]       the segment section: one row per value\n"
      "  --date COL           the trend section: the date column\n"
      "  --period P           day, week, month (default), quarter, year\n"
      "  --date-format F      dates written otherwise, e.g. %%d.%%m.%%Y\n"
      "  --include-partial    the trend tests partial periods too (as "
      "`trend\n"
      "                       --include-partial`)\n"
      "  --compare-with FILE  the comparison section: this data against\n"
      "                       FILE (an earlier wave, a control group), as\n"
      "                       `compare FILE THIS` computes it\n"
      "  --arm COL            the comparison section: two arms of this data\n"
      "                       (an A/B pilot), as `compare --arm` computes "
      "it\n"
      "  --arms A,B           the two values of --arm, in order (B - A is\n"
      "                       reported; default: the two values found)\n"
      "  --competitors FILE   the benchmark section: our NPS against "
      "a\n"
      "                       competitors file, as `benchmark` computes it\n"
      "                       (Holm-adjusted p-values, rank interval)\n"
      "  --rank-unlike        with --competitors: compare and rank a "
      "competitor\n"
      "                       of another year, region or survey type too, "
      "as\n"
      "                       `benchmark --rank-unlike`\n"
      "  --theme T            light (default), dark (for screens and "
      "slides)\n"
      "                       or print (black and white): the page and its\n"
      "                       charts\n"
      "\n"
      "Input options: --score --delimiter --skip-rows --na-values "
      "--skip-invalid\n--score-labels --input --where --exclude "
      "--max-groups --threads.\nStatistics options: --ci --level --boot "
      "--seed --min-n (default 30).\nOutput options: --quiet.\n"
      "\nExamples:\n"
      "  nps-stat report responses.csv -o report.html\n"
      "  nps-stat report responses.csv --by channel --date date --period "
      "month -o report.html\n"
      "  nps-stat report pilot.csv --arm arm --arms control,pilot --where "
      "wave=after\n      -o pilot.html\n"
      "  nps-stat report responses.csv --competitors competitors.csv -o "
      "report.html\n");
}

enum {
  OPT_DATE = 512,
  OPT_PERIOD,
  OPT_DATE_FORMAT,
  OPT_COMPARE_WITH,
  OPT_ARM,
  OPT_ARMS,
  OPT_COMPETITORS,
  OPT_RANK_UNLIKE,
  OPT_INCLUDE_PARTIAL
};

static int report_option(void *ctx, int opt, const char *arg) {
  report_cmd *cmd = ctx;
  switch (opt) {
  case OPT_DATE:
    cmd->d.date_column = arg;
    return 0;
  case OPT_COMPARE_WITH:
    if (!*arg || strcmp(arg, "-") == 0)
      return cli_usage_error(cmd->c->command,
                             "--compare-with wants a file such as "
                             "before.csv");
    cmd->d.compare_path = arg;
    return 0;
  case OPT_ARM:
    cmd->d.arm_column = arg;
    return 0;
  case OPT_ARMS:
    return cli_split_pair(cmd->c, "--arms", arg, cmd->d.arms);
  case OPT_COMPETITORS:
    if (!*arg)
      return cli_usage_error(cmd->c->command,
                             "--competitors wants a file such as "
                             "competitors.csv");
    cmd->d.competitors_path = arg;
    return 0;
  case OPT_RANK_UNLIKE:
    cmd->d.rank_unlike = 1;
    return 0;
  case OPT_PERIOD:
    return cli_period_arg(cmd->c, arg, &cmd->trend.period);
  case OPT_DATE_FORMAT:
    if (cli_date_format_arg(cmd->c, arg))
      return EXIT_USAGE;
    cmd->trend.date_format = arg;
    return 0;
  case OPT_INCLUDE_PARTIAL:
    cmd->trend.include_partial = 1;
    return 0;
  default:
    return -1;
  }
}

static const struct option options[] = {
    {"output", 1, 0, OPT_OUTPUT},
    {"by", 1, 0, OPT_BY},
    {"date", 1, 0, OPT_DATE},
    {"period", 1, 0, OPT_PERIOD},
    {"date-format", 1, 0, OPT_DATE_FORMAT},
    {"include-partial", 0, 0, OPT_INCLUDE_PARTIAL},
    {"compare-with", 1, 0, OPT_COMPARE_WITH},
    {"arm", 1, 0, OPT_ARM},
    {"arms", 1, 0, OPT_ARMS},
    {"competitors", 1, 0, OPT_COMPETITORS},
    {"rank-unlike", 0, 0, OPT_RANK_UNLIKE},
    {"score", 1, 0, OPT_SCORE},
    {"delimiter", 1, 0, OPT_DELIMITER},
    {"skip-rows", 1, 0, OPT_SKIP_ROWS},
    {"na-values", 1, 0, OPT_NA_VALUES},
    {"skip-invalid", 0, 0, OPT_SKIP_INVALID},
    {"score-labels", 0, 0, OPT_SCORE_LABELS},
    {"input", 1, 0, OPT_INPUT},
    {"where", 1, 0, OPT_WHERE},
    {"exclude", 1, 0, OPT_EXCLUDE},
    {"max-groups", 1, 0, OPT_MAX_GROUPS},
    {"threads", 1, 0, OPT_THREADS},
    {"ci", 1, 0, OPT_CI},
    {"level", 1, 0, OPT_LEVEL},
    {"boot", 1, 0, OPT_BOOT},
    {"seed", 1, 0, OPT_SEED},
    {"min-n", 1, 0, OPT_MIN_N},
    {"quiet", 0, 0, OPT_QUIET},
    {"theme", 1, 0, OPT_THEME},
    {"help", 0, 0, OPT_HELP},
    {0, 0, 0, 0}};

/* Whether the long option arg ("--name", no "=") takes the next argument. */
static int takes_argument(const char *arg) {
  for (const struct option *o = options; o->name; o++)
    if (strcmp(arg + 2, o->name) == 0)
      return o->has_arg == 1;
  return 0;
}

/* The arguments with "-o FILE" and "-oFILE" spelled as --output (the
 * shared parser knows only -h as a short option). Returns NULL when out of
 * memory; free the vector and the strings it made (marked in made). */
static char **spell_output(int argc, char **argv, char **made) {
  char **out = calloc((size_t)argc + 1, sizeof *out);
  if (!out)
    return NULL;
  int operands = 0;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    out[i] = argv[i];
    if (i == 0 || operands)
      continue;
    if (strcmp(a, "--") == 0)
      operands = 1;
    else if (strncmp(a, "--", 2) == 0 && !strchr(a, '=') && takes_argument(a) &&
             i + 1 < argc) {
      i++; /* the option's value, kept as it is */
      out[i] = argv[i];
    } else if (strcmp(a, "-o") == 0)
      out[i] = "--output";
    else if (strncmp(a, "-o", 2) == 0) {
      size_t len = strlen(a);
      if (!(made[i] = malloc(len + strlen("--output=") - 1))) {
        free(out);
        return NULL;
      }
      snprintf(made[i], len + 8, "--output=%s", a + 2);
      out[i] = made[i];
    }
  }
  return out;
}

static int check_args(report_cmd *cmd) {
  cli_common *c = cmd->c;
  if (!c->output)
    return cli_usage_error(c->command,
                           "-o FILE is required: the page to write, such as "
                           "-o report.html ('-' for standard output)");
  if (cmd->trend.date_format && !cmd->d.date_column)
    return cli_usage_error(c->command, "--date-format needs --date COL");
  if (cmd->trend.include_partial && !cmd->d.date_column)
    return cli_usage_error(c->command, "--include-partial needs --date COL");
  if (cmd->d.arm_column && cmd->d.compare_path)
    return cli_usage_error(c->command,
                           "--arm and --compare-with are two ways to "
                           "compare: give one");
  if (cmd->d.arms[0] && !cmd->d.arm_column)
    return cli_usage_error(c->command, "--arms needs --arm COL");
  if (cmd->d.arms[0] && strcmp(cmd->d.arms[0], cmd->d.arms[1]) == 0)
    return cli_usage_error(c->command, "--arms names the same arm twice");
  return 0;
}

static int parse_args(int argc, char **argv, report_cmd *cmd) {
  cli_common *c = cmd->c;
  cmd->argc = argc;
  cmd->made = calloc((size_t)argc + 1, sizeof *cmd->made);
  cmd->args = cmd->made ? spell_output(argc, argv, cmd->made) : NULL;
  if (!cmd->args)
    return cli_out_of_memory();
  /* getopt_long permutes cmd->args: the operands are at its end */
  char **args = cmd->args;
  int rc =
      cli_parse_options(argc, args, options, c, print_help, report_option, cmd);
  if (rc == 0)
    rc = check_args(cmd);
  if (rc)
    return rc;
  rc = cli_take_inputs(c, argc, args, "FILE", &cmd->paths, &cmd->n_paths,
                       &cmd->d.path);
  const char *again = cmd->d.date_column    ? "--date"
                      : cmd->d.compare_path ? "--compare-with"
                      : cmd->d.arm_column   ? "--arm"
                                            : NULL;
  if (rc == 0 && again && cmd->n_paths == 1 && strcmp(cmd->paths[0], "-") == 0)
    rc = cli_usage_error(c->command,
                         "%s reads the input twice: give a file, not "
                         "standard input",
                         again);
  if (rc == 0 && cmd->d.competitors_path &&
      strcmp(cmd->d.competitors_path, "-") == 0 && cmd->n_paths == 1 &&
      strcmp(cmd->paths[0], "-") == 0)
    rc = cli_usage_error(c->command,
                         "standard input can be read once: give files");
  if (rc == 0 && cmd->d.rank_unlike && !cmd->d.competitors_path)
    rc = cli_usage_error(c->command, "--rank-unlike goes with --competitors");
  return rc;
}

static void free_args(report_cmd *cmd) {
  for (int i = 0; cmd->made && i < cmd->argc; i++)
    free(cmd->made[i]);
  free(cmd->made);
  free(cmd->args);
}

static int summarise(report_cmd *cmd, nps_table *t) {
  cli_common *c = cmd->c;
  nps_summary_options o;
  nps_summary_options_init(&o);
  o.method = c->ci;
  o.level = c->level;
  o.replicates = c->boot;
  o.seed = c->seed;
  o.min_n = c->min_n;
  nps_status st = nps_summary_run(t, &o, &cmd->d.summary, NULL);
  if (st == NPS_EEMPTY) {
    char why[1024];
    cli_error("%s: no responses%s", cmd->d.path,
              cli_empty_reason(c, &cmd->d.read,
                               nps_summary_overall(cmd->d.summary)->missing,
                               why, sizeof why));
    return EXIT_DATA;
  }
  if (st != NPS_OK) {
    cli_error("interval (%s): %s", nps_ci_method_name(c->ci), nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  return EXIT_OK;
}

static int segment(report_cmd *cmd, nps_table *t) {
  cli_common *c = cmd->c;
  nps_segments_options o;
  nps_segments_options_init(&o);
  o.ci = c->ci;
  o.level = c->level;
  o.replicates = c->boot;
  o.seed = c->seed;
  o.min_n = c->min_n;
  nps_status st = nps_segments_run(t, &o, &cmd->d.segments, NULL);
  if (st != NPS_OK) {
    cli_error("segments: %s", nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  return EXIT_OK;
}

static int write_page(report_cmd *cmd) {
  cli_out out;
  int rc = cli_out_open(&out, cmd->c->output);
  if (rc != EXIT_OK)
    return rc;
  rc = report_html_write(out.fp, &cmd->d);
  int closed = cli_out_close(&out, rc == EXIT_OK);
  if (rc == EXIT_OK)
    rc = closed;
  if (rc == EXIT_OK && cmd->d.charts_missing)
    cli_warn(cmd->c, "%s: written without charts: %s", cmd->c->output,
             cmd->d.chart_note);
  return rc;
}

static int run(report_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  int rc =
      cli_load_paths(c, &c->csv, "", cmd->paths, cmd->n_paths, t, &cmd->d.read);
  if (rc == EXIT_OK)
    rc = summarise(cmd, t);
  if (rc == EXIT_OK) {
    nps_hist h;
    uint64_t missing;
    nps_table_total(t, &h, &missing);
    cmd->ours = nps_hist_counts(&h);
  }
  if (rc == EXIT_OK && c->n_by)
    rc = segment(cmd, t);
  if (rc == EXIT_OK && cmd->d.date_column)
    rc = report_load_trend(cmd);
  if (rc == EXIT_OK && (cmd->d.compare_path || cmd->d.arm_column))
    rc = report_load_compare(cmd);
  if (rc == EXIT_OK && cmd->d.competitors_path)
    rc = report_load_benchmark(cmd);
  if (rc == EXIT_OK)
    rc = write_page(cmd);
  nps_summary_free(cmd->d.summary);
  nps_segments_free(cmd->d.segments);
  nps_trend_free(cmd->d.trend);
  nps_compare_free(cmd->d.compare);
  nps_benchmark_free(cmd->benchmark);
  nps_competitors_free(cmd->comp);
  free(cmd->arm_owned[0]);
  free(cmd->arm_owned[1]);
  nps_table_free(cmd->cmp_tables[0]);
  nps_table_free(cmd->cmp_tables[1]);
  nps_table_free(cmd->trend_table);
  nps_table_free(t);
  return rc;
}

int cmd_report(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "report");
  c.min_n = NPS_SEGMENTS_MIN_N;
  report_cmd cmd = {.d = {.c = &c, .period = NPS_PERIOD_MONTH}, .c = &c};
  nps_trend_options_init(&cmd.trend);
  int rc = parse_args(argc, argv, &cmd);
  if (rc == 0)
    rc = run(&cmd);
  else if (rc < 0)
    rc = EXIT_OK;
  free_args(&cmd);
  cli_common_free(&c);
  return rc;
}
