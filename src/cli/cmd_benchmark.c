/*
 * cmd_benchmark.c - `nps-stat benchmark OURS --competitors COMP.csv`: our
 * NPS against competitors' published numbers, each compared by what its
 * row gives, p-values adjusted across competitors, our rank with a rank
 * interval, the industry band, and warnings where a competitor's number is
 * of another year, region or survey type.
 *
 * Options in, the competitors file read (nps_competitors_read), one call
 * of the analysis (nps_benchmark_run), the result handed to the
 * presentation step (benchmark_view.c, benchmark_chart.c).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark_view.h"
#include "cli.h"
#include "common.h"
#include "filters.h"
#include "inputs.h"
#include "load.h"
#include "present.h"
#include "render.h"

static void print_help(void) {
  printf(
      "Usage: nps-stat benchmark OURS... --competitors COMP.csv [OPTIONS]\n"
      "\n"
      "Where does our NPS stand among competitors? OURS is our responses "
      "(or\ncounts with --input counts). COMP.csv has one row per "
      "competitor: a\n'name' column and any of nps, n, promoters, passives, "
      "detractors (counts\nor percentages), source, year, region, "
      "survey_type; rows named p10, p25,\nmedian, p75, p90 with an nps are "
      "industry percentiles. Each competitor is\ncompared by what its row "
      "gives:\n"
      "  full          distribution and n: permutation test, MOVER "
      "interval\n"
      "  conservative  NPS and n: worst-case variance 1 - NPS^2 per "
      "answer\n"
      "  fixed         NPS only: our interval against their number; their\n"
      "                uncertainty is unknown\n"
      "p-values are adjusted across competitors; our rank gets a bootstrap\n"
      "rank interval (--boot replicates, --seed).\n"
      "\n"
      "  --competitors FILE   the competitors file (required)\n"
      "  --adjust M           holm (default), bh, bonferroni, none\n"
      "  --ours-label NAME    our name in the output (default: us)\n"
      "  --shares S           percent or counts: how promoters, passives "
      "and\n"
      "                       detractors cells are read (default: "
      "detected)\n"
      "  --ours-year Y, --ours-region R, --ours-type T\n"
      "                       what our number is; a competitor that differs "
      "is\n"
      "                       not like for like (default: the most common "
      "value in\n"
      "                       the competitors file)\n"
      "  --rank-unlike        compare and rank a competitor of another year,\n"
      "                       region or survey type too (default: its verdict\n"
      "                       is 'not comparable' and it is left out of the\n"
      "                       p-value family and the rank)\n"
      "  --competitors-raw FILE --by COL\n"
      "                       competitors' raw answers (read like OURS), one\n"
      "                       competitor per value of COL (full comparisons)\n"
      "  --skip-invalid       also skips bad competitor rows (counted)\n"
      "\nThe --plot chart: a forest chart of every party's NPS and "
      "interval,\nours highlighted, industry percentiles shaded, a party "
      "that is not like\nfor like hollow.\n"
      "\n%s"
      "\nExamples:\n"
      "  nps-stat benchmark responses.csv --competitors competitors.csv\n"
      "  nps-stat benchmark responses.csv --competitors competitors.csv "
      "--ours-label Acme \\\n      --ours-type relationship --plot "
      "bench.gp --render png\n"
      "  nps-stat benchmark counts.csv --input counts --competitors "
      "competitors.csv --format json\n"
      "  nps-stat benchmark responses.csv --competitors-raw panel.csv --by "
      "brand\n",
      cli_common_help);
}

enum {
  OPT_COMPETITORS_RAW = 511,
  OPT_COMPETITORS = 512,
  OPT_ADJUST,
  OPT_OURS_LABEL,
  OPT_SHARES,
  OPT_OURS_YEAR,
  OPT_OURS_REGION,
  OPT_OURS_TYPE,
  OPT_RANK_UNLIKE
};

typedef struct benchmark_cmd {
  benchmark_view v;
  cli_common *c;
  const char *raw_path; /* --competitors-raw */
  const char *raw_by;   /* its brand column (--by) */
  nps_benchmark_options analysis;
  nps_competitors_options read;
  char *const *paths; /* ours: the inputs, read as one data set */
  size_t n_paths;
} benchmark_cmd;

static int benchmark_option(void *ctx, int opt, const char *arg) {
  benchmark_cmd *cmd = ctx;
  nps_benchmark_options *o = &cmd->analysis;
  switch (opt) {
  case OPT_COMPETITORS:
    cmd->v.competitors_path = arg;
    return 0;
  case OPT_COMPETITORS_RAW:
    cmd->raw_path = arg;
    return 0;
  case OPT_BY:
    cmd->raw_by = arg;
    return 0;
  case OPT_ADJUST:
    if (nps_multi_method_parse(arg, &o->adjust) == NPS_OK)
      return 0;
    return cli_usage_error(cmd->c->command,
                           "--adjust must be holm, bh, bonferroni or none, "
                           "not '%s'",
                           arg);
  case OPT_OURS_LABEL:
    o->ours_label = arg;
    return 0;
  case OPT_SHARES:
    if (nps_shares_mode_parse(arg, &cmd->read.shares) == NPS_OK)
      return 0;
    return cli_usage_error(cmd->c->command,
                           "--shares must be percent or counts, not '%s'", arg);
  case OPT_OURS_YEAR:
  case OPT_OURS_REGION:
  case OPT_OURS_TYPE:
    o->ours_context[opt - OPT_OURS_YEAR] = arg;
    return 0;
  case OPT_RANK_UNLIKE:
    o->rank_unlike = 1;
    return 0;
  default:
    return -1;
  }
}

static int parse_args(int argc, char **argv, benchmark_cmd *cmd) {
  static const struct option options[] = {
      {"competitors", 1, 0, OPT_COMPETITORS},
      {"competitors-raw", 1, 0, OPT_COMPETITORS_RAW},
      {"by", 1, 0, OPT_BY},
      {"adjust", 1, 0, OPT_ADJUST},
      {"ours-label", 1, 0, OPT_OURS_LABEL},
      {"shares", 1, 0, OPT_SHARES},
      {"ours-year", 1, 0, OPT_OURS_YEAR},
      {"ours-region", 1, 0, OPT_OURS_REGION},
      {"ours-type", 1, 0, OPT_OURS_TYPE},
      {"rank-unlike", 0, 0, OPT_RANK_UNLIKE},
      CLI_COMMON_OPTIONS,
      {0, 0, 0, 0}};
  cli_common *c = cmd->c;
  int rc = cli_parse_options(argc, argv, options, c, print_help,
                             benchmark_option, cmd);
  if (rc)
    return rc;
  if (!cmd->v.competitors_path && !cmd->raw_path)
    return cli_usage_error(c->command,
                           "--competitors FILE is required: the competitors' "
                           "numbers");
  if (!cmd->raw_path != !cmd->raw_by)
    return cli_usage_error(c->command,
                           cmd->raw_by ? "--by COL goes with --competitors-raw"
                                       : "--competitors-raw FILE needs --by "
                                         "COL: the competitor (brand) column");
  if (cmd->raw_by && strchr(cmd->raw_by, ','))
    return cli_usage_error(c->command, "--by takes one column");
  if (cli_plot_check(c))
    return EXIT_USAGE;
  rc = cli_take_inputs(c, argc, argv, "FILE (ours)", &cmd->paths, &cmd->n_paths,
                       &cmd->v.path);
  if (rc)
    return rc;
  cmd->v.raw_path = cmd->raw_path;
  cmd->v.raw_by = cmd->raw_by;
  nps_benchmark_options *o = &cmd->analysis;
  o->ci = c->ci;
  o->level = c->level;
  o->replicates = c->boot;
  o->seed = c->seed;
  cmd->read.skip_invalid = c->csv.skip_invalid;
  return 0;
}

/* s (len bytes) for a message: control characters as spaces, cut. */
static void shown(char *out, size_t size, const char *s, size_t len) {
  size_t k = 0;
  for (; k < len && k + 1 < size; k++)
    out[k] = (unsigned char)s[k] < 0x20 || s[k] == 0x7f ? ' ' : s[k];
  out[k] = '\0';
}

/* Competitors' raw answers, one competitor per value of the --by column. */
static int read_raw(benchmark_cmd *cmd, nps_competitors *comp) {
  cli_common *c = cmd->c;
  nps_csvin_options csv = c->csv;
  csv.group_columns = &cmd->raw_by;
  csv.n_group_columns = 1;
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  nps_csvin_report rep;
  int rc = cli_load_with(c, &csv, "", cmd->raw_path, t, &rep);
  for (size_t i = 0; rc == EXIT_OK && i < nps_table_size(t); i++) {
    const nps_group *g = nps_table_group(t, i);
    nps_counts k = nps_hist_counts(&g->hist);
    char name[256];
    shown(name, sizeof name, g->key, g->key_len);
    if (nps_counts_total(&k) == 0) {
      cli_warn(c, "%s: '%s' has no answers: left out", cmd->raw_path, name);
      continue;
    }
    nps_status st = nps_competitors_add_counts(comp, g->key, g->key_len, &k);
    if (st == NPS_ENOMEM) {
      rc = cli_out_of_memory();
    } else if (st != NPS_OK) {
      cli_error("%s: competitor '%s' is also in %s, or has no name",
                cmd->raw_path, name,
                cmd->v.competitors_path ? cmd->v.competitors_path : "it");
      rc = EXIT_DATA;
    }
  }
  nps_table_free(t);
  return rc;
}

static int read_competitors(benchmark_cmd *cmd, nps_competitors **comp) {
  int rc = EXIT_OK;
  if (cmd->v.competitors_path)
    rc = benchmark_read_file(cmd->c, cmd->v.competitors_path, &cmd->read, comp);
  else if (!(*comp = nps_competitors_new()))
    return cli_out_of_memory();
  if (rc == EXIT_OK && cmd->raw_path)
    rc = read_raw(cmd, *comp);
  if (rc == EXIT_OK && (*comp)->n_rows == 0) {
    cli_error("no competitors: %s has no competitor rows",
              cmd->v.competitors_path ? cmd->v.competitors_path
                                      : cmd->raw_path);
    rc = EXIT_DATA;
  }
  return rc;
}

static int analyse(benchmark_cmd *cmd, nps_table *t, nps_benchmark **res) {
  nps_hist h;
  uint64_t missing;
  nps_table_total(t, &h, &missing);
  nps_counts ours = nps_hist_counts(&h);
  nps_status st =
      nps_benchmark_run(&ours, cmd->v.comp, &cmd->analysis, res, NULL);
  if (st == NPS_EEMPTY) {
    char why[1024];
    cli_error(
        "%s: no responses%s", cmd->v.path,
        cli_empty_reason(cmd->c, &cmd->v.report, missing, why, sizeof why));
    return EXIT_DATA;
  }
  if (st != NPS_OK) {
    cli_error("benchmark: %s", nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  benchmark_warn_context(cmd->c, cmd->v.competitors_path, *res, 1);
  return EXIT_OK;
}

static int run(benchmark_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_benchmark *res = NULL;
  nps_competitors *comp = NULL;
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  int rc = cli_load_paths(c, &c->csv, "", cmd->paths, cmd->n_paths, t,
                          &cmd->v.report);
  if (rc == EXIT_OK)
    rc = read_competitors(cmd, &comp);
  cmd->v.comp = comp;
  if (rc == EXIT_OK)
    rc = analyse(cmd, t, &res);
  cmd->v.res = res;
  if (rc == EXIT_OK) {
    cli_view v;
    benchmark_view_init(&cmd->v, &v);
    rc = cli_present(c, &v);
  }
  nps_benchmark_free(res);
  nps_competitors_free(comp);
  nps_table_free(t);
  return rc;
}

int cmd_benchmark(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "benchmark");
  benchmark_cmd cmd = {.v = {.opt = &c}, .c = &c};
  nps_benchmark_options_init(&cmd.analysis);
  nps_competitors_options_init(&cmd.read);
  int rc = parse_args(argc, argv, &cmd);
  if (rc == 0)
    rc = run(&cmd);
  else if (rc < 0)
    rc = EXIT_OK;
  cli_common_free(&c);
  return rc;
}
