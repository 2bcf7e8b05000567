/*
 * cmd_segments.c - `nps-stat segments FILE --by COL[,COL]`: which segments
 * really differ? Every segment's NPS and interval, an omnibus test, each
 * segment against the rest and, with --pairwise, every pair, with the
 * p-values adjusted across each family and the answer in words.
 *
 * Options in, one call of the segments analysis (nps_segments_run), and
 * the result handed to the presentation step (segments_view.c,
 * segments_chart.c).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "counts_out.h"
#include "filters.h"
#include "inputs.h"
#include "load.h"
#include "present.h"
#include "render.h"
#include "segments_view.h"

static void print_help(void) {
  printf(
      "Usage: nps-stat segments FILE... --by COL[,COL...] [OPTIONS]\n"
      "\n"
      "Which segments really differ in NPS? Every segment's n, shares, NPS\n"
      "and interval; an omnibus test that all segments share one NPS; each\n"
      "segment against the rest of the answers and, with --pairwise, every\n"
      "pair, with p-values adjusted across each family; the answer in "
      "words.\nSegments below --min-n are shown, marked, and left out of "
      "the tests.\n"
      "\n"
      "  --by COL[,COL]       the segment column(s) (required)\n"
      "  --pairwise           every pair of segments too, with a letter\n"
      "                       display (segments sharing a letter do not "
      "differ)\n"
      "  --adjust M           holm (default), bh, bonferroni, none: the\n"
      "                       adjustment within each family of tests\n"
      "  --order O            nps (default), n, name, natural, file, or a "
      "list\n"
      "                       of values v1,v2,... (the rest follow "
      "naturally)\n"
      "  --lump-below N       merge segments with fewer than N answers into "
      "one\n"
      "                       'other' segment, which is tested\n"
      "  --fail-if C          exit 1 when C holds: differ (the omnibus test\n"
      "                       rejects), any-below-rest, any-above-rest\n"
      "\nThe --plot chart: each segment's NPS with its interval and shares, "
      "the\noverall row below a rule, and the tests' answer under the "
      "title.\n"
      "\n%s"
      "\nExamples:\n"
      "  nps-stat segments responses.csv --by channel\n"
      "  nps-stat segments responses.csv --by region --pairwise --adjust "
      "bh\n"
      "  nps-stat segments responses.csv --by spend_band --order natural "
      "--lump-below 50\n"
      "  nps-stat segments counts.csv --input counts --by channel --format "
      "json\n"
      "  nps-stat segments weekly.csv --by store --fail-if any-below-rest "
      "--quiet\n",
      cli_common_help);
}

enum { OPT_PAIRWISE = 512, OPT_ADJUST, OPT_ORDER, OPT_LUMP_BELOW, OPT_FAIL_IF };

typedef struct segments_cmd {
  segments_view v;
  cli_common *c;
  nps_segments_options analysis;
  char *const *paths; /* the inputs, read as one data set */
  size_t n_paths;
} segments_cmd;

static int set_fail_if(segments_cmd *cmd, const char *arg) {
  static const seg_fail_if all[] = {SEG_FAIL_DIFFER, SEG_FAIL_ANY_BELOW,
                                    SEG_FAIL_ANY_ABOVE};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (strcmp(arg, segments_fail_name(all[i])) == 0) {
      cmd->v.fail_if = all[i];
      return 0;
    }
  }
  return cli_usage_error(cmd->c->command,
                         "--fail-if must be differ, any-below-rest or "
                         "any-above-rest, not '%s'",
                         arg);
}

static int segments_option(void *ctx, int opt, const char *arg) {
  segments_cmd *cmd = ctx;
  nps_segments_options *o = &cmd->analysis;
  switch (opt) {
  case OPT_PAIRWISE:
    o->pairwise = 1;
    return 0;
  case OPT_ADJUST:
    if (nps_multi_method_parse(arg, &o->adjust) == NPS_OK)
      return 0;
    return cli_usage_error(cmd->c->command,
                           "--adjust must be holm, bh, bonferroni or none, "
                           "not '%s'",
                           arg);
  case OPT_ORDER:
    return cli_order_option(cmd->c, arg);
  case OPT_LUMP_BELOW:
    return cli_number_option(cmd->c, "--lump-below", arg, 1, &o->lump_below);
  case OPT_FAIL_IF:
    return set_fail_if(cmd, arg);
  default:
    return -1;
  }
}

static int parse_args(int argc, char **argv, segments_cmd *cmd) {
  static const struct option options[] = {{"pairwise", 0, 0, OPT_PAIRWISE},
                                          {"adjust", 1, 0, OPT_ADJUST},
                                          {"order", 1, 0, OPT_ORDER},
                                          {"lump-below", 1, 0, OPT_LUMP_BELOW},
                                          {"fail-if", 1, 0, OPT_FAIL_IF},
                                          {"by", 1, 0, OPT_BY},
                                          CLI_COMMON_OPTIONS,
                                          {0, 0, 0, 0}};
  cli_common *c = cmd->c;
  int rc = cli_parse_options(argc, argv, options, c, print_help,
                             segments_option, cmd);
  if (rc)
    return rc;
  if (c->n_by == 0)
    return cli_usage_error(c->command, "--by COL is required: the column "
                                       "whose values are the segments");
  if (cli_plot_check(c))
    return EXIT_USAGE;
  if ((rc = cli_take_inputs(c, argc, argv, "FILE", &cmd->paths, &cmd->n_paths,
                            &cmd->v.path)))
    return rc;
  if (c->format == FORMAT_COUNTS && (rc = cli_counts_check(c, NULL)))
    return rc;
  nps_segments_options *o = &cmd->analysis;
  o->ci = c->ci;
  o->level = c->level;
  o->replicates = c->boot;
  o->seed = c->seed;
  o->min_n = c->min_n;
  o->order = c->order;
  return 0;
}

static int analyse(segments_cmd *cmd, nps_table *t, nps_segments **res) {
  const cli_common *c = cmd->c;
  nps_status st = nps_segments_run(t, &cmd->analysis, res, NULL);
  if (st == NPS_EEMPTY) {
    char why[1024];
    cli_error("%s: no responses%s", cmd->v.path,
              cli_empty_reason(c, &cmd->v.report,
                               nps_segments_overall(*res)->missing, why,
                               sizeof why));
    return EXIT_DATA;
  }
  if (st == NPS_EINVAL && cmd->analysis.pairwise)
    return cli_usage_error(c->command,
                           "--pairwise: at most %d tested segments (%zu "
                           "pairs); use --lump-below or fewer segments",
                           NPS_SEGMENTS_MAX_PAIRWISE,
                           (size_t)NPS_SEGMENTS_MAX_PAIRWISE *
                               (NPS_SEGMENTS_MAX_PAIRWISE - 1) / 2);
  if (st != NPS_OK) {
    cli_error("segments: %s", nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  if ((*res)->thin)
    cli_warn(c,
             "%s: %zu segments, median interval +-%.1f points: too thin to "
             "tell apart; fewer, broader segments would tell more",
             cmd->v.path, (*res)->n_rows - 1,
             100.0 * (*res)->median_half_width);
  if ((*res)->n_small)
    cli_warn(c, "%s: %zu segment%s below --min-n %llu: shown, not tested",
             cmd->v.path, (*res)->n_small, (*res)->n_small == 1 ? "" : "s",
             (unsigned long long)c->min_n);
  return EXIT_OK;
}

static int run(segments_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_segments *res = NULL;
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  int rc = cli_load_paths(c, &c->csv, "", cmd->paths, cmd->n_paths, t,
                          &cmd->v.report);
  if (rc == EXIT_OK && c->format == FORMAT_COUNTS) {
    rc = cli_counts_write(c, t);
    nps_table_free(t);
    return rc;
  }
  if (rc == EXIT_OK)
    rc = analyse(cmd, t, &res);
  cmd->v.res = res;
  if (rc == EXIT_OK)
    rc = segments_view_prepare(&cmd->v);
  if (rc == EXIT_OK) {
    cli_view v;
    segments_view_init(&cmd->v, &v);
    rc = cli_present(c, &v);
  }
  if (rc == EXIT_OK && segments_fails(&cmd->v)) {
    cli_warn(c, "--fail-if %s: condition met",
             segments_fail_name(cmd->v.fail_if));
    rc = EXIT_CONDITION;
  }
  if (res)
    segments_view_release(&cmd->v);
  nps_segments_free(res);
  nps_table_free(t);
  return rc;
}

int cmd_segments(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "segments");
  c.min_n = NPS_SEGMENTS_MIN_N;
  segments_cmd cmd = {.v = {.opt = &c}, .c = &c};
  nps_segments_options_init(&cmd.analysis);
  c.order = cmd.analysis.order;
  int rc = parse_args(argc, argv, &cmd);
  if (rc == 0)
    rc = run(&cmd);
  else if (rc < 0)
    rc = EXIT_OK;
  cli_common_free(&c);
  return rc;
}
