/*
 * cmd_compare.c - `nps-stat compare`: did NPS change between two samples?
 *
 * Two files (before/after, control/pilot), or two arms of one file
 * (--arm COL), independent or paired by a respondent id (--paired --id COL),
 * overall or within every segment (--by COL) with adjusted p-values. This
 * file parses the options, loads both samples into group tables keyed the
 * same way, calls the compare analysis (nps_compare_run or
 * nps_compare_paired) and hands the result to the presentation step
 * (compare_view.c, compare_chart.c); compare_load.c reads the samples.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "compare_cmd.h"
#include "compare_view.h"
#include "outfile.h"
#include "output.h"
#include "perfile.h"
#include "present.h"
#include "render.h"

enum {
  OPT_LABELS = 600,
  OPT_ARM,
  OPT_ARMS,
  OPT_TEST,
  OPT_ALTERNATIVE,
  OPT_PAIRED,
  OPT_ID,
  OPT_ADJUST,
  OPT_FAIL_IF,
  OPT_DIFF_CI,
  OPT_PLOT_POWER,
  OPT_ADJUST_FOR
};

/* Most respondent ids a paired comparison reads unless --max-groups says. */
#define CMP_PAIRED_MAX_IDS 10000000u

static void print_help(void) {
  printf(
      "Usage: nps-stat compare A.csv B.csv [OPTIONS]\n"
      "       nps-stat compare FILE --arm COL [--arms A,B] [OPTIONS]\n"
      "\n"
      "Did NPS change between two samples: before and after, or control and\n"
      "pilot? Prints both samples (n, shares, NPS, interval), the difference\n"
      "B - A with its interval and p-value, every test side by side, the\n"
      "difference these samples could detect, and a one-line verdict.\n"
      "\n"
      "Comparison options:\n"
      "  --labels A,B         names of the two samples (default: the file\n"
      "                       names, or the arm values)\n"
      "  --arm COL            one file: COL says which sample a row is in\n"
      "  --arms A,B           the two values of --arm to compare, in order\n"
      "                       (default: its only two values, sorted)\n"
      "  --test T             permutation (default: exact, studentized,\n"
      "                       mid-p), adjusted-wald, wald, bootstrap: the\n"
      "                       test behind the p-value (docs/methods.md);\n"
      "                       with --paired: sign-flip (default, exact) or\n"
      "                       paired (z test)\n"
      "  --alternative H      two-sided (default), greater (B > A), less\n"
      "  --diff-ci M          interval of the difference: mover-bayes\n"
      "                       (default), mover-score, bca, percentile,\n"
      "                       boot-t, wald, adjusted-wald, or test (the\n"
      "                       test's own, agreeing with its p)\n"
      "  --paired             the same respondents in both samples\n"
      "  --id COL             the respondent id column (with --paired)\n"
      "  --by COL[,COL]       compare within every segment as well\n"
      "  --adjust-for COL     also compare both samples at one mix of COL\n"
      "                       (direct standardization to the pooled mix):\n"
      "                       how much of the change is the mix\n"
      "  --adjust M           p-values across segments: holm (default), bh,\n"
      "                       bonferroni, none\n"
      "  --fail-if C          exit 1 when the result is 'significant', or\n"
      "                       when it is a significant 'drop' (B < A)\n"
      "  --plot-power FILE.gp chart of the power to detect 5, 10, 20 points\n"
      "                       and the observed difference, against n per arm\n"
      "\n"
      "Per-file input options (two files exported differently):\n"
      "  --a-X, --b-X         the input option --X for the first (A) or the\n"
      "                       second (B) file only, for X = score, delimiter,\n"
      "                       skip-rows, na-values, skip-invalid,\n"
      "                       score-labels, input, where, exclude; --X\n"
      "                       applies to both, --a-X / --b-X overrides it\n"
      "                       for one file (--b-where replaces every --where\n"
      "                       for B, --b-exclude every --exclude); not with\n"
      "                       --arm. Each file's delimiter, BOM and line\n"
      "                       ends are detected on their own.\n"
      "\n%s"
      "\nExamples:\n"
      "  nps-stat compare before.csv after.csv\n"
      "  nps-stat compare pilot.csv --arm group --arms control,pilot\n"
      "  nps-stat compare before.csv after.csv --paired --id respondent_id\n"
      "  nps-stat compare before.csv after.csv --by channel --adjust bh\n"
      "  nps-stat compare before.csv after.csv --adjust-for channel\n"
      "  nps-stat compare last_week.csv this_week.csv --fail-if drop "
      "--quiet\n"
      "  nps-stat compare qualtrics.csv surveymonkey.csv --a-skip-rows 2 \\\n"
      "      --a-exclude 'Status=Survey Preview' --b-skip-rows 1 "
      "--b-score-labels\n"
      "  nps-stat compare raw.csv warehouse.csv --b-input counts\n",
      cli_common_help);
}

/* Splits "A,B" into two pieces owned by c. */
static int set_fail_if(compare_cmd *cmp, const char *arg) {
  if (strcmp(arg, "significant") == 0)
    cmp->v.fail_if = FAIL_SIGNIFICANT;
  else if (strcmp(arg, "drop") == 0)
    cmp->v.fail_if = FAIL_DROP;
  else
    return cli_usage_error(cmp->v.opt->command,
                           "--fail-if must be significant or drop, not '%s'",
                           arg);
  return 0;
}

static int set_diff_ci(compare_cmd *cmp, const char *arg) {
  nps_diff_ci_method m;
  if (nps_diff_ci_method_parse(arg, &m) == NPS_OK && m != NPS_DIFF_CI_PAIRED) {
    cmp->v.analysis.diff_ci = m;
    return 0;
  }
  return cli_usage_error(cmp->v.opt->command,
                         "--diff-ci must be mover-bayes, mover-score, bca, "
                         "percentile, boot-t, wald, adjusted-wald or test, "
                         "not '%s'",
                         arg);
}

/* One option of compare's own. Returns 0, EXIT_USAGE, or -1 if unknown. */
static int compare_option(void *ctx, int opt, const char *arg) {
  compare_cmd *cmp = ctx;
  cli_common *c = cmp->v.opt;
  int rc = cli_perfile_option(&cmp->pf, opt, arg);
  if (rc != -1)
    return rc;
  switch (opt) {
  case OPT_LABELS:
    return cli_split_pair(c, "--labels", arg, cmp->v.label);
  case OPT_ARM:
    cmp->v.arm_column = arg;
    return 0;
  case OPT_ARMS:
    return cli_split_pair(c, "--arms", arg, cmp->arms);
  case OPT_TEST: {
    nps_test2_method m;
    if (nps_test2_method_parse(arg, &m) != NPS_OK)
      return cli_usage_error(c->command,
                             "--test must be permutation, adjusted-wald, "
                             "wald, bootstrap, or with --paired sign-flip "
                             "or paired, not '%s'",
                             arg);
    int for_pairs = m == NPS_TEST2_SIGN_FLIP || m == NPS_TEST2_PAIRED;
    cmp->test_kind = for_pairs ? 2 : 1;
    if (for_pairs)
      cmp->v.analysis.paired_test = m;
    else
      cmp->v.analysis.test = m;
    return 0;
  }
  case OPT_ALTERNATIVE:
    if (nps_alternative_parse(arg, &cmp->v.analysis.alternative) == NPS_OK)
      return 0;
    return cli_usage_error(c->command,
                           "--alternative must be two-sided, greater or "
                           "less, not '%s'",
                           arg);
  case OPT_PAIRED:
    cmp->paired = 1;
    return 0;
  case OPT_ID:
    cmp->v.id_column = arg;
    return 0;
  case OPT_ADJUST_FOR:
    cmp->v.adjust_for = arg;
    return 0;
  case OPT_ADJUST:
    if (nps_multi_method_parse(arg, &cmp->v.analysis.adjust) == NPS_OK)
      return 0;
    return cli_usage_error(c->command,
                           "--adjust must be holm, bh, bonferroni or none, "
                           "not '%s'",
                           arg);
  case OPT_FAIL_IF:
    return set_fail_if(cmp, arg);
  case OPT_PLOT_POWER:
    if (cli_chart_name(c->command, "--plot-power", arg, "power.gp"))
      return EXIT_USAGE;
    cmp->v.plot_power = arg;
    cli_output_name(c, "--plot-power", arg);
    return 0;
  case OPT_DIFF_CI:
    return set_diff_ci(cmp, arg);
  default:
    return -1;
  }
}

/* Per-file options want two files; --paired, one row per answer in each. */
static int check_perfile(const compare_cmd *cmp) {
  const char *cmd = cmp->v.opt->command;
  char flag[32];
  cli_perfile_flag(flag, sizeof flag, cmp->pf.first);
  if (cmp->pf.first && cmp->v.arm_column)
    return cli_usage_error(cmd,
                           "%s is for one of two input files, not --arm "
                           "(use --%s)",
                           flag, flag + 4);
  for (int i = 0; cmp->paired && i < 2; i++)
    if (cli_perfile_given(&cmp->pf, i, OPT_INPUT) &&
        cmp->pf.over[i].csv.input == NPS_INPUT_COUNTS)
      return cli_usage_error(cmd,
                             "--paired needs one row per answer, not "
                             "--%c-input counts",
                             i ? 'b' : 'a');
  return 0;
}

/* Checks the combination of options and files. */
static int check_args(compare_cmd *cmp, int nfiles) {
  const char *cmd = cmp->v.opt->command;
  if (nfiles == 0)
    return cli_usage_error(cmd, "missing input files");
  if (nfiles > 2)
    return cli_usage_error(cmd, "at most two input files");
  if (nfiles == 1 && !cmp->v.arm_column)
    return cli_usage_error(cmd, "one input file needs --arm COL (or give "
                                "two files)");
  if (nfiles == 2 && cmp->v.arm_column)
    return cli_usage_error(cmd, "--arm takes one input file, not two");
  if (cmp->arms[0] && !cmp->v.arm_column)
    return cli_usage_error(cmd, "--arms needs --arm COL");
  if (cmp->paired && !cmp->v.id_column)
    return cli_usage_error(cmd, "--paired needs --id COL");
  if (cmp->v.id_column && !cmp->paired)
    return cli_usage_error(cmd, "--id is for --paired comparisons");
  if (cmp->paired && cmp->test_kind == 1)
    return cli_usage_error(cmd, "with --paired, --test is sign-flip (the "
                                "default) or paired");
  if (!cmp->paired && cmp->test_kind == 2)
    return cli_usage_error(cmd, "--test sign-flip and paired are for "
                                "--paired comparisons");
  if (cmp->paired && cmp->v.plot_power)
    return cli_usage_error(cmd, "--plot-power is for independent samples, "
                                "not --paired");
  if (cmp->paired && cmp->v.opt->n_by)
    return cli_usage_error(cmd, "--paired and --by cannot be combined");
  if (cmp->v.adjust_for && (cmp->paired || cmp->v.opt->n_by))
    return cli_usage_error(cmd, "--adjust-for cannot be combined with %s",
                           cmp->paired ? "--paired" : "--by");
  if (cmp->paired && cmp->v.opt->csv.input == NPS_INPUT_COUNTS)
    return cli_usage_error(cmd, "--paired needs one row per answer, not "
                                "--input counts");
  if (cmp->v.arm_column && cmp->arms[0] &&
      strcmp(cmp->arms[0], cmp->arms[1]) == 0)
    return cli_usage_error(cmd, "--arms names the same arm twice");
  return check_perfile(cmp);
}

static int parse_args(int argc, char **argv, compare_cmd *cmp) {
  static const struct option options[] = {
      {"labels", 1, 0, OPT_LABELS},
      {"arm", 1, 0, OPT_ARM},
      {"arms", 1, 0, OPT_ARMS},
      {"test", 1, 0, OPT_TEST},
      {"alternative", 1, 0, OPT_ALTERNATIVE},
      {"paired", 0, 0, OPT_PAIRED},
      {"id", 1, 0, OPT_ID},
      {"adjust-for", 1, 0, OPT_ADJUST_FOR},
      {"adjust", 1, 0, OPT_ADJUST},
      {"fail-if", 1, 0, OPT_FAIL_IF},
      {"diff-ci", 1, 0, OPT_DIFF_CI},
      {"plot-power", 1, 0, OPT_PLOT_POWER},
      {"by", 1, 0, OPT_BY},
      CLI_COMMON_OPTIONS,
      CLI_PERFILE_OPTIONS,
      {0, 0, 0, 0}};
  int rc = cli_parse_options(argc, argv, options, cmp->v.opt, print_help,
                             compare_option, cmp);
  if (rc)
    return rc;
  int nfiles = argc - optind;
  rc = check_args(cmp, nfiles);
  if (rc == 0 && !cmp->v.plot_power)
    rc = cli_plot_check(cmp->v.opt);
  if (rc)
    return rc;
  cmp->v.path[0] = argv[optind];
  cmp->v.path[1] = nfiles == 2 ? argv[optind + 1] : NULL;
  return cli_stdin_once(cmp->v.opt->command, argv + optind, nfiles);
}

/* ---- the run ---- */

/* The file a sample came from. */
static const char *sample_path(const compare_cmd *cmp, int s) {
  return cmp->v.path[1] ? cmp->v.path[s] : cmp->v.path[0];
}

/* --fail-if: the overall comparison and the segments form one family
 * (nps_compare_gate); the message names the comparison that fired, by how
 * much, and its p before and after the family's adjustment. */
static int gate(const compare_cmd *cmp, const nps_compare *res) {
  if (cmp->v.fail_if == FAIL_NEVER)
    return EXIT_OK;
  nps_gate g;
  if (nps_compare_gate(res,
                       cmp->v.fail_if == FAIL_DROP ? NPS_GATE_DROP
                                                   : NPS_GATE_SIGNIFICANT,
                       &g) != NPS_OK)
    return cli_out_of_memory();
  if (!g.fires)
    return EXIT_OK;
  const nps_compare_row *r = &res->rows[g.row];
  char name[160], d[40], p[40], pf[40];
  compare_row_name(name, sizeof name, &cmp->v, r);
  cli_signed_points(d, sizeof d, r->diff);
  cli_fmt_p(p, sizeof p, r->test.p);
  cli_fmt_p(pf, sizeof pf, g.p_family);
  const char *what = cmp->v.fail_if == FAIL_DROP ? "drop" : "significant";
  if (g.family > 1)
    cli_warn(cmp->v.opt,
             "--fail-if %s: condition met: %s, %s points, p = %s, %s "
             "after %s over the %zu comparisons (overall and segments)",
             what, name, d, p, pf, nps_multi_method_name(res->options.adjust),
             g.family);
  else
    cli_warn(cmp->v.opt, "--fail-if %s: condition met: %s, %s points, p = %s",
             what, name, d, p);
  return EXIT_CONDITION;
}

/* Phrases a failed analysis. */
static int analysis_error(const compare_cmd *cmp, nps_status st,
                          const nps_run_error *err, const nps_compare *res) {
  if (st == NPS_EEMPTY && cmp->paired) {
    cli_error("%s: no respondent id answered in both samples (column '%s')",
              cmp->v.path[1] ? cmp->v.path[1] : cmp->v.path[0],
              cmp->v.id_column);
  } else if (st == NPS_EEMPTY && res && err->sample >= 0) {
    const nps_compare_side *x = &nps_compare_overall(res)->side[err->sample];
    cli_error("%s: no responses in '%s'%s", sample_path(cmp, err->sample),
              cmp->v.label[err->sample],
              x->missing ? " (every answer is missing)" : "");
  } else if (st == NPS_EINVAL && err->key) {
    cli_error("%s: respondent id '%.*s' answers %llu times; a paired "
              "comparison needs one answer per id and sample",
              sample_path(cmp, err->sample),
              (int)(err->key_len > 200 ? 200 : err->key_len), err->key,
              (unsigned long long)err->count);
  } else {
    cli_error("%s: %s", nps_test2_method_label(cmp->v.analysis.test),
              nps_strerror(st));
  }
  return compare_status_exit(st);
}

static int analyse(compare_cmd *cmp, nps_table *t[2], nps_compare **res) {
  const cli_common *c = cmp->v.opt;
  nps_compare_options *o = &cmp->v.analysis;
  nps_run_error err;
  o->ci = c->ci;
  o->level = c->level;
  o->replicates = c->boot;
  o->seed = c->seed;
  o->min_n = c->min_n;
  o->by_segment = c->n_by > 0;
  o->standardize = cmp->v.adjust_for != NULL;
  o->all_tests = !cmp->paired;
  o->label[0] = cmp->v.label[0];
  o->label[1] = cmp->v.label[1];
  const nps_table *const *in = (const nps_table *const *)t;
  nps_status st = cmp->paired ? nps_compare_paired(in, o, res, &err)
                              : nps_compare_run(in, o, res, &err);
  if (st != NPS_OK)
    return analysis_error(cmp, st, &err, *res);
  return EXIT_OK;
}

static int run(compare_cmd *cmp) {
  cli_common *c = cmp->v.opt;
  size_t max = c->max_groups;
  if (cmp->paired && max == NPS_TABLE_DEFAULT_MAX_GROUPS)
    max = CMP_PAIRED_MAX_IDS;
  nps_table *t[2] = {nps_table_new(max), nps_table_new(max)};
  nps_compare *res = NULL;
  int rc = t[0] && t[1] ? EXIT_OK : cli_out_of_memory();
  if (rc == EXIT_OK)
    rc = compare_load(cmp, t);
  if (rc == EXIT_OK)
    rc = analyse(cmp, t, &res);
  cmp->v.res = res;
  if (rc == EXIT_OK) {
    cli_view v;
    compare_view_init(&cmp->v, &v);
    rc = cli_present(c, &v);
  }
  if (rc == EXIT_OK)
    rc = gate(cmp, res);
  nps_compare_free(res);
  nps_table_free(t[0]);
  nps_table_free(t[1]);
  return rc;
}

int cmd_compare(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "compare");
  compare_cmd cmp;
  memset(&cmp, 0, sizeof cmp);
  cmp.v.opt = &c;
  cli_perfile_init(&cmp.pf, c.command);
  nps_compare_options_init(&cmp.v.analysis);
  int rc = parse_args(argc, argv, &cmp);
  if (rc == 0)
    rc = run(&cmp);
  else if (rc < 0)
    rc = EXIT_OK;
  free(cmp.label_owned[0]);
  free(cmp.label_owned[1]);
  cli_perfile_free(&cmp.pf);
  cli_common_free(&c);
  return rc;
}
