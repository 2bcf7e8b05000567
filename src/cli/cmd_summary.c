/*
 * cmd_summary.c - `nps-stat summary FILE [--by COL[,COL]]`: NPS, category
 * shares and a confidence interval for every group and overall, each with
 * its n, the method, the level and (for bootstrap methods) the seed.
 *
 * Options in, one call of the summary analysis (nps_summary_run), and the
 * result handed to the presentation step (summary_view.c, summary_chart.c).
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
#include "outfile.h"
#include "present.h"
#include "render.h"
#include "summary_view.h"

static void print_help(void) {
  printf("Usage: nps-stat summary FILE... [--by COL[,COL...]] [OPTIONS]\n"
         "\n"
         "NPS with a confidence interval for every group and overall. Each "
         "row\ngives n, the promoter / passive / detractor shares, NPS in "
         "points\n(-100..100), its interval and the missing answers. FILE "
         "may be '-'\nfor standard input.\n"
         "\n"
         "  --by COL[,COL]       one row per distinct value (combination)\n"
         "  --order O            name (default), nps, n, natural, file, or "
         "a list\n"
         "                       of values v1,v2,... (the rest follow "
         "naturally)\n"
         "  --plot-boot FILE.gp  with --ci percentile or bca: a histogram of "
         "the\n"
         "                       overall bootstrap replicates with the "
         "interval\n"
         "                       (drawn like --plot; --render applies)\n"
         "\nThe --plot chart: NPS bars with interval whiskers, highest "
         "first, and\nthe promoter / passive / detractor shares of each "
         "group (at most the\n40 largest groups).\n"
         "\n%s"
         "\nExamples:\n"
         "  nps-stat summary responses.csv --by channel\n"
         "  nps-stat summary responses.csv --by region,customer_type "
         "--format csv\n"
         "  nps-stat summary export.csv --skip-rows 2 --score Q1 "
         "--exclude 'Status=Survey Preview'\n"
         "  nps-stat summary counts.csv --input counts --by channel "
         "--ci wald\n"
         "  nps-stat summary responses.csv --by channel --plot nps.gp "
         "--render png\n",
         cli_common_help);
}

enum { OPT_PLOT_BOOT = 512, OPT_ORDER };

typedef struct summary_args {
  cli_common *c;
  const char **plot_boot;
} summary_args;

/* --plot-boot FILE, the one option of summary's own. */
static int summary_option(void *ctx, int opt, const char *arg) {
  const summary_args *a = ctx;
  if (opt == OPT_ORDER)
    return cli_order_option(a->c, arg);
  if (opt != OPT_PLOT_BOOT)
    return -1;
  if (cli_chart_name(a->c->command, "--plot-boot", arg, "boot.gp"))
    return EXIT_USAGE;
  *a->plot_boot = arg;
  cli_output_name(a->c, "--plot-boot", arg);
  return 0;
}

/* The inputs: the operands, read as one data set. */
typedef struct summary_inputs {
  char *const *paths;
  size_t n;
  const char *name; /* for titles and messages */
} summary_inputs;

static int parse_args(int argc, char **argv, cli_common *c, summary_inputs *in,
                      const char **plot_boot) {
  static const struct option options[] = {{"by", 1, 0, OPT_BY},
                                          {"plot-boot", 1, 0, OPT_PLOT_BOOT},
                                          {"order", 1, 0, OPT_ORDER},
                                          CLI_COMMON_OPTIONS,
                                          {0, 0, 0, 0}};
  summary_args a = {c, plot_boot};
  int rc =
      cli_parse_options(argc, argv, options, c, print_help, summary_option, &a);
  if (rc)
    return rc;
  if (!*plot_boot && cli_plot_check(c))
    return EXIT_USAGE;
  if (*plot_boot && c->ci != NPS_CI_PERCENTILE && c->ci != NPS_CI_BCA)
    return cli_usage_error(c->command,
                           "--plot-boot needs a bootstrap interval: --ci "
                           "percentile or --ci bca");
  rc = cli_take_inputs(c, argc, argv, "FILE", &in->paths, &in->n, &in->name);
  if (rc == 0 && c->format == FORMAT_COUNTS)
    rc = cli_counts_check(c, *plot_boot);
  return rc;
}

/* The analysis options from the command line. */
static nps_summary_options analysis_options(const cli_common *c,
                                            const char *plot_boot) {
  nps_summary_options o;
  nps_summary_options_init(&o);
  o.method = c->ci;
  o.level = c->level;
  o.replicates = c->boot;
  o.seed = c->seed;
  o.min_n = c->min_n;
  o.by_group = c->n_by > 0;
  o.keep_replicates = plot_boot != NULL;
  o.order = c->order;
  return o;
}

static int analyse(summary_view *s, nps_table *t, nps_summary **res) {
  const cli_common *c = s->opt;
  nps_summary_options o = analysis_options(c, s->plot_boot);
  nps_status st = nps_summary_run(t, &o, res, NULL);
  if (st == NPS_EEMPTY) {
    char why[1024];
    cli_error("%s: no responses%s", s->path,
              cli_empty_reason(c, &s->report,
                               nps_summary_overall(*res)->missing, why,
                               sizeof why));
    return EXIT_DATA;
  }
  if (st != NPS_OK) {
    cli_error("interval (%s): %s", nps_ci_method_name(c->ci), nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  /* The output says it too, but csv or json in a file is not read by eye. */
  size_t below = summary_count_below(*res);
  if (below)
    cli_warn(c, "%s: %zu row%s with n below --min-n %llu: %s, shown with %s",
             s->path, below, below == 1 ? "" : "s",
             (unsigned long long)c->min_n,
             below == 1 ? "a small base" : "small bases",
             below == 1 ? "its wide interval" : "their wide intervals");
  return EXIT_OK;
}

static int run(cli_common *c, const summary_inputs *in, const char *plot_boot) {
  summary_view s = {.opt = c, .path = in->name, .plot_boot = plot_boot};
  nps_summary *res = NULL;
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  int rc = cli_load_paths(c, &c->csv, "", in->paths, in->n, t, &s.report);
  if (rc == EXIT_OK && c->format == FORMAT_COUNTS) {
    rc = cli_counts_write(c, t);
    nps_table_free(t);
    return rc;
  }
  if (rc == EXIT_OK)
    rc = analyse(&s, t, &res);
  s.res = res;
  cli_view v;
  summary_chart ch;
  int charted = 0;
  if (rc == EXIT_OK) {
    summary_view_init(&s, &v);
    if (c->plot || plot_boot) {
      charted = 1;
      rc = summary_chart_init(&ch, &s, &v);
    }
  }
  if (rc == EXIT_OK)
    rc = cli_present(c, &v);
  if (charted)
    summary_chart_free(&ch);
  nps_summary_free(res);
  nps_table_free(t);
  return rc;
}

int cmd_summary(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "summary");
  const char *plot_boot = NULL;
  summary_inputs in = {0};
  int rc = parse_args(argc, argv, &c, &in, &plot_boot);
  if (rc == 0)
    rc = run(&c, &in, plot_boot);
  else if (rc < 0)
    rc = EXIT_OK;
  cli_common_free(&c);
  return rc;
}
