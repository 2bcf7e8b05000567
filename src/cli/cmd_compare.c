/*
 * cmd_compare.c - `nps-stat compare`: did NPS change between two samples?
 *
 * Two files (before/after, control/pilot), or two arms of one file
 * (--arm COL), independent or paired by a respondent id (--paired --id COL),
 * overall or within every segment (--by COL) with adjusted p-values. This
 * file parses the options, loads both samples into group tables keyed the
 * same way, and runs the tests; compare_report.c prints the results.
 *
 * Both input forms end as two tables (sample 0, sample 1) whose keys are
 * the --by values (or the respondent ids when paired), so the rest of the
 * command does not know which form it was given.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "compare.h"

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
  OPT_PLOT_POWER
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
      "                       test behind the p-value (docs/methods.md)\n"
      "  --alternative H      two-sided (default), greater (B > A), less\n"
      "  --diff-ci M          interval of the difference: bca (default),\n"
      "                       percentile (bootstrap), test (the z test's own)\n"
      "  --paired             the same respondents in both samples\n"
      "  --id COL             the respondent id column (with --paired)\n"
      "  --by COL[,COL]       compare within every segment as well\n"
      "  --adjust M           p-values across segments: holm (default), bh,\n"
      "                       bonferroni, none\n"
      "  --fail-if C          exit 1 when the result is 'significant', or\n"
      "                       when it is a significant 'drop' (B < A)\n"
      "  --plot-power FILE.gp chart of the power to detect 5, 10, 20 points\n"
      "                       and the observed difference, against n per arm\n"
      "\n%s"
      "\nExamples:\n"
      "  nps-stat compare before.csv after.csv\n"
      "  nps-stat compare pilot.csv --arm group --arms control,pilot\n"
      "  nps-stat compare before.csv after.csv --paired --id respondent_id\n"
      "  nps-stat compare before.csv after.csv --by channel --adjust bh\n"
      "  nps-stat compare last_week.csv this_week.csv --fail-if drop "
      "--quiet\n",
      cli_common_help);
}

/* Splits "A,B" into two pieces owned by c. */
static int split_pair(cli_common *c, const char *opt, const char *arg,
                      const char *out[2]) {
  const char *comma = strchr(arg, ',');
  if (!comma || comma == arg || !comma[1] || strchr(comma + 1, ','))
    return cli_usage_error(c->command, "%s wants two names A,B, not '%s'", opt,
                           arg);
  if (c->n_owned + 2 > sizeof c->owned / sizeof c->owned[0])
    return cli_usage_error(c->command, "%s: too many lists", opt);
  char *a = strndup(arg, (size_t)(comma - arg)), *b = strdup(comma + 1);
  if (!a || !b) {
    free(a);
    free(b);
    return cli_usage_error(c->command, "%s: out of memory", opt);
  }
  c->owned[c->n_owned++] = a;
  c->owned[c->n_owned++] = b;
  out[0] = a;
  out[1] = b;
  return 0;
}

static int set_fail_if(compare *cmp, const char *arg) {
  if (strcmp(arg, "significant") == 0)
    cmp->fail_if = FAIL_SIGNIFICANT;
  else if (strcmp(arg, "drop") == 0)
    cmp->fail_if = FAIL_DROP;
  else
    return cli_usage_error(cmp->opt->command,
                           "--fail-if must be significant or drop, not '%s'",
                           arg);
  return 0;
}

static int set_diff_ci(compare *cmp, const char *arg) {
  if (strcmp(arg, "bca") == 0)
    cmp->diff_ci = DIFF_CI_BCA;
  else if (strcmp(arg, "percentile") == 0)
    cmp->diff_ci = DIFF_CI_PERCENTILE;
  else if (strcmp(arg, "test") == 0)
    cmp->diff_ci = DIFF_CI_TEST;
  else
    return cli_usage_error(cmp->opt->command,
                           "--diff-ci must be bca, percentile or test, not "
                           "'%s'",
                           arg);
  return 0;
}

/* One option of compare's own. Returns 0, EXIT_USAGE, or -1 if unknown. */
static int compare_option(compare *cmp, int opt, const char *arg) {
  cli_common *c = cmp->opt;
  switch (opt) {
  case OPT_LABELS:
    return split_pair(c, "--labels", arg, cmp->label);
  case OPT_ARM:
    cmp->arm_column = arg;
    return 0;
  case OPT_ARMS:
    return split_pair(c, "--arms", arg, cmp->arms);
  case OPT_TEST:
    if (nps_test2_method_parse(arg, &cmp->method) == NPS_OK)
      return 0;
    return cli_usage_error(c->command,
                           "--test must be adjusted-wald, wald, bootstrap or "
                           "permutation, not '%s'",
                           arg);
  case OPT_ALTERNATIVE:
    if (nps_alternative_parse(arg, &cmp->alt) == NPS_OK)
      return 0;
    return cli_usage_error(c->command,
                           "--alternative must be two-sided, greater or "
                           "less, not '%s'",
                           arg);
  case OPT_PAIRED:
    cmp->paired = 1;
    return 0;
  case OPT_ID:
    cmp->id_column = arg;
    return 0;
  case OPT_ADJUST:
    if (nps_multi_method_parse(arg, &cmp->adjust) == NPS_OK)
      return 0;
    return cli_usage_error(c->command,
                           "--adjust must be holm, bh, bonferroni or none, "
                           "not '%s'",
                           arg);
  case OPT_FAIL_IF:
    return set_fail_if(cmp, arg);
  case OPT_PLOT_POWER:
    cmp->plot_power = arg;
    return 0;
  case OPT_DIFF_CI:
    return set_diff_ci(cmp, arg);
  default:
    return -1;
  }
}

/* Checks the combination of options and files. */
static int check_args(compare *cmp, int nfiles) {
  const char *cmd = cmp->opt->command;
  if (nfiles == 0)
    return cli_usage_error(cmd, "missing input files");
  if (nfiles > 2)
    return cli_usage_error(cmd, "at most two input files");
  if (nfiles == 1 && !cmp->arm_column)
    return cli_usage_error(cmd, "one input file needs --arm COL (or give "
                                "two files)");
  if (nfiles == 2 && cmp->arm_column)
    return cli_usage_error(cmd, "--arm takes one input file, not two");
  if (cmp->arms[0] && !cmp->arm_column)
    return cli_usage_error(cmd, "--arms needs --arm COL");
  if (cmp->paired && !cmp->id_column)
    return cli_usage_error(cmd, "--paired needs --id COL");
  if (cmp->id_column && !cmp->paired)
    return cli_usage_error(cmd, "--id is for --paired comparisons");
  if (cmp->paired && cmp->plot_power)
    return cli_usage_error(cmd, "--plot-power is for independent samples, "
                                "not --paired");
  if (cmp->paired && cmp->opt->n_by)
    return cli_usage_error(cmd, "--paired and --by cannot be combined");
  if (cmp->paired && cmp->opt->csv.input == NPS_INPUT_COUNTS)
    return cli_usage_error(cmd, "--paired needs one row per answer, not "
                                "--input counts");
  if (cmp->arm_column && cmp->arms[0] &&
      strcmp(cmp->arms[0], cmp->arms[1]) == 0)
    return cli_usage_error(cmd, "--arms names the same arm twice");
  return 0;
}

static int parse_args(int argc, char **argv, compare *cmp) {
  static const struct option options[] = {
      {"labels", 1, 0, OPT_LABELS},
      {"arm", 1, 0, OPT_ARM},
      {"arms", 1, 0, OPT_ARMS},
      {"test", 1, 0, OPT_TEST},
      {"alternative", 1, 0, OPT_ALTERNATIVE},
      {"paired", 0, 0, OPT_PAIRED},
      {"id", 1, 0, OPT_ID},
      {"adjust", 1, 0, OPT_ADJUST},
      {"fail-if", 1, 0, OPT_FAIL_IF},
      {"diff-ci", 1, 0, OPT_DIFF_CI},
      {"plot-power", 1, 0, OPT_PLOT_POWER},
      {"by", 1, 0, OPT_BY},
      CLI_COMMON_OPTIONS,
      {0, 0, 0, 0}};
  opterr = 0;
  int opt;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (opt == 'h' || opt == OPT_HELP) {
      print_help();
      return -1;
    }
    if (opt == '?' || opt == ':')
      return cli_usage_error(cmp->opt->command,
                             "unknown or incomplete option '%s'",
                             argv[optind - 1]);
    int rc = compare_option(cmp, opt, optarg);
    if (rc == -1)
      rc = cli_common_option(cmp->opt, opt, optarg);
    if (rc)
      return rc;
  }
  int nfiles = argc - optind;
  int rc = check_args(cmp, nfiles);
  if (rc == 0 && !cmp->plot_power)
    rc = cli_plot_check(cmp->opt);
  if (rc)
    return rc;
  cmp->path[0] = argv[optind];
  cmp->path[1] = nfiles == 2 ? argv[optind + 1] : NULL;
  return 0;
}

/* ---- loading ---- */

/* "dir/after.csv" -> "after": the default label of a file. */
static int default_label(compare *cmp, int i) {
  const char *p = cmp->path[i];
  if (strcmp(p, "-") == 0) {
    cmp->label[i] = "stdin";
    return EXIT_OK;
  }
  const char *base = strrchr(p, '/');
  base = base && base[1] ? base + 1 : p;
  size_t len = strlen(base);
  const char *dot = strrchr(base, '.');
  if (dot && dot != base &&
      (strcmp(dot, ".csv") == 0 || strcmp(dot, ".tsv") == 0 ||
       strcmp(dot, ".txt") == 0 || strcmp(dot, ".CSV") == 0))
    len = (size_t)(dot - base);
  cmp->label_owned[i] = strndup(base, len);
  if (!cmp->label_owned[i])
    return cli_out_of_memory();
  cmp->label[i] = cmp->label_owned[i];
  return EXIT_OK;
}

/* Two files: each read with the --by columns (or the id) as its key. */
static int load_files(compare *cmp, nps_table *t[2]) {
  cli_common *c = cmp->opt;
  const char *id_cols[1] = {cmp->id_column};
  if (cmp->paired) {
    c->csv.group_columns = id_cols;
    c->csv.n_group_columns = 1;
  }
  for (int i = 0; i < 2; i++) {
    int rc = cli_load(c, cmp->path[i], t[i], &cmp->report[i]);
    if (rc)
      return rc;
    if (!cmp->label[i] && (rc = default_label(cmp, i)))
      return rc;
  }
  if (!c->csv.score_column &&
      strcmp(cmp->report[0].score_column, cmp->report[1].score_column)) {
    cli_error("%s and %s: different score columns were detected ('%s' and "
              "'%s'); name the one to use with --score",
              cmp->path[0], cmp->path[1], cmp->report[0].score_column,
              cmp->report[1].score_column);
    return EXIT_DATA;
  }
  return EXIT_OK;
}

/* Which sample an arm value belongs to: 0, 1, or -1 for neither. */
static int arm_side(const compare *cmp, const char *arm, size_t len) {
  for (int i = 0; i < 2; i++)
    if (strlen(cmp->arms[i]) == len && memcmp(cmp->arms[i], arm, len) == 0)
      return i;
  return -1;
}

/* Without --arms, the arm column must hold exactly two values; they are
 * taken in byte order (all is sorted). */
static int find_arms(compare *cmp, const nps_table *all) {
  const char *seen[3] = {0};
  size_t len[3] = {0}, k = 0;
  for (size_t i = 0; i < nps_table_size(all) && k < 3; i++) {
    const nps_group *g = nps_table_group(all, i);
    const char *sep = memchr(g->key, NPS_KEY_SEP, g->key_len);
    size_t alen = sep ? (size_t)(sep - g->key) : g->key_len;
    if (k && len[k - 1] == alen && memcmp(seen[k - 1], g->key, alen) == 0)
      continue;
    seen[k] = g->key;
    len[k++] = alen;
  }
  if (k != 2) {
    cli_error("%s: column '%s' holds %s; name the two to compare with "
              "--arms A,B",
              cmp->path[0], cmp->arm_column,
              k < 2 ? "fewer than two values" : "more than two values");
    return EXIT_DATA;
  }
  for (int i = 0; i < 2; i++) {
    cmp->label_owned[i] = strndup(seen[i], len[i]);
    if (!cmp->label_owned[i])
      return cli_out_of_memory();
    cmp->arms[i] = cmp->label_owned[i];
  }
  cli_warn(cmp->opt,
           "%s: arms '%s' (A) and '%s' (B) of column '%s'; "
           "--arms to choose",
           cmp->path[0], cmp->arms[0], cmp->arms[1], cmp->arm_column);
  return EXIT_OK;
}

/* One file with an arm column: read with key (arm, rest...), then move each
 * group into the table of its arm under the rest of its key. */
static int load_arms(compare *cmp, nps_table *t[2]) {
  cli_common *c = cmp->opt;
  const char *cols[CLI_MAX_LIST + 1];
  size_t n = 0;
  cols[n++] = cmp->arm_column;
  if (cmp->paired)
    cols[n++] = cmp->id_column;
  for (size_t i = 0; i < c->n_by; i++)
    cols[n++] = c->by[i];
  c->csv.group_columns = cols;
  c->csv.n_group_columns = n;
  nps_table *all = nps_table_new(c->max_groups);
  if (!all)
    return cli_out_of_memory();
  int rc = cli_load(c, cmp->path[0], all, &cmp->report[0]);
  cmp->report[1] = cmp->report[0];
  if (rc == EXIT_OK)
    nps_table_sort(all);
  if (rc == EXIT_OK && !cmp->arms[0])
    rc = find_arms(cmp, all);
  for (size_t i = 0; rc == EXIT_OK && i < nps_table_size(all); i++) {
    const nps_group *g = nps_table_group(all, i);
    const char *sep = memchr(g->key, NPS_KEY_SEP, g->key_len);
    size_t alen = sep ? (size_t)(sep - g->key) : g->key_len;
    int side = arm_side(cmp, g->key, alen);
    if (side < 0) {
      cmp->other_arms += nps_hist_total(&g->hist);
      continue;
    }
    const char *rest = sep ? sep + 1 : g->key + g->key_len;
    nps_group *dst;
    nps_status st = nps_table_get(t[side], rest,
                                  (size_t)(g->key + g->key_len - rest), &dst);
    if (st == NPS_OK)
      st = nps_hist_merge(&dst->hist, &g->hist);
    if (st != NPS_OK) {
      cli_error("%s: %s", cmp->path[0], nps_strerror(st));
      rc = st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
      break;
    }
    dst->missing += g->missing;
  }
  nps_table_free(all);
  for (int i = 0; rc == EXIT_OK && i < 2; i++)
    if (!cmp->label[i])
      cmp->label[i] = cmp->arms[i];
  if (rc == EXIT_OK && cmp->other_arms)
    cli_warn(c, "%s: left out %llu answers in other arms of '%s'", cmp->path[0],
             (unsigned long long)cmp->other_arms, cmp->arm_column);
  return rc;
}

/* ---- computing ---- */

static int key_cmp(const nps_group *a, const nps_group *b) {
  size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
  int d = memcmp(a->key, b->key, n);
  if (d)
    return d;
  return a->key_len < b->key_len ? -1 : a->key_len > b->key_len;
}

static void fill_side(cmp_side *s, const nps_hist *h, uint64_t missing) {
  s->counts = nps_hist_counts(h);
  s->missing = missing;
}

/* Estimate and interval of one sample, seeded by its label and key. */
static int side_stats(const compare *cmp, const cmp_row *r, int i,
                      gsl_rng *rng) {
  const cli_common *c = cmp->opt;
  cmp_side *s = (cmp_side *)&r->side[i];
  nps_estimate_counts(&s->counts, &s->est);
  s->est.n = nps_counts_total(&s->counts);
  if (s->est.n == 0 || s->est.n < c->min_n)
    return EXIT_OK;
  unsigned long seed =
      cli_group_seed(c->seed, cmp->label[i], strlen(cmp->label[i]));
  gsl_rng_set(
      rng, cli_group_seed(seed, r->key ? r->key : "", r->key ? r->key_len : 0));
  nps_ci_request req = {c->ci, c->level, c->boot, rng};
  nps_status st = nps_ci_compute(&s->counts, &req, &s->ci);
  if (st != NPS_OK) {
    cli_error("interval (%s): %s", nps_ci_method_name(c->ci), nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  s->has_ci = 1;
  return EXIT_OK;
}

static int test_error(nps_test2_method m, nps_status st) {
  cli_error("%s: %s", nps_test2_method_label(m), nps_strerror(st));
  return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
}

/* The chosen test on sample 1 vs sample 0 (difference B - A). */
static int run_test(const compare *cmp, cmp_row *r, gsl_rng *rng) {
  const cli_common *c = cmp->opt;
  nps_test2_request req = {cmp->method, cmp->alt, c->level, c->boot,
                           0,           rng,      NULL};
  nps_status st = nps_test2_compute(&r->side[1].counts, &r->side[0].counts,
                                    &req, &r->test, &r->test_note);
  if (st == NPS_EOVERFLOW && cmp->method == NPS_TEST2_PERMUTATION) {
    req.method = NPS_TEST2_ADJUSTED_WALD;
    st = nps_test2_compute(&r->side[1].counts, &r->side[0].counts, &req,
                           &r->test, NULL);
    r->test_note = "the permutation test needs at most 4294967295 answers "
                   "in all; adjusted Wald z test used";
  }
  if (st != NPS_OK && st != NPS_EDEGENERATE)
    return test_error(req.method, st);
  return EXIT_OK;
}

/* The adjusted-Wald interval of the difference, used where the bootstrap
 * cannot be; note says why. */
static int adjusted_interval(const compare *cmp, cmp_row *r, const char *note) {
  nps_test2_result a;
  nps_status st = nps_test2_adjusted_wald(
      &r->side[1].counts, &r->side[0].counts, cmp->alt, cmp->opt->level, &a);
  if (st != NPS_OK)
    return test_error(NPS_TEST2_ADJUSTED_WALD, st);
  r->diff_ci = a.ci;
  r->diff_ci_how = "adjusted Wald";
  r->diff_note = note;
  return EXIT_OK;
}

/* The headline interval of the difference: the bootstrap (BCa or
 * percentile) unless --diff-ci test asks for the z test's own. */
static int diff_interval(const compare *cmp, cmp_row *r, gsl_rng *rng) {
  const cli_common *c = cmp->opt;
  if (cmp->diff_ci == DIFF_CI_TEST && !isnan(r->test.ci.lo)) {
    r->diff_ci = r->test.ci;
    r->diff_ci_how = nps_test2_method_label(r->test.method);
    return EXIT_OK;
  }
  nps_test2_result b;
  const nps_test2_result *bp = &b;
  nps_status st = NPS_OK;
  if (r->side[0].est.n < NPS_CI_BOOT_MIN_N ||
      r->side[1].est.n < NPS_CI_BOOT_MIN_N)
    return adjusted_interval(cmp, r,
                             "a sample has fewer than 20 answers, too few for "
                             "the bootstrap: adjusted Wald interval of the "
                             "difference");
  if (r->test.method == NPS_TEST2_BOOTSTRAP)
    bp = &r->test;
  else
    st = nps_test2_bootstrap(&r->side[1].counts, &r->side[0].counts, cmp->alt,
                             c->level, c->boot, rng, NULL, &b);
  if (st == NPS_EDEGENERATE)
    return adjusted_interval(cmp, r,
                             "every answer of both samples is in one "
                             "category, so the bootstrap has no spread: "
                             "adjusted Wald interval");
  if (st != NPS_OK)
    return test_error(NPS_TEST2_BOOTSTRAP, st);
  int bca = cmp->diff_ci != DIFF_CI_PERCENTILE && bp->bca_ok;
  r->diff_ci = bca ? bp->ci : bp->ci_percentile;
  r->diff_ci_how = bca ? "bootstrap BCa" : "bootstrap percentile";
  if (cmp->diff_ci != DIFF_CI_PERCENTILE && !bp->bca_ok)
    r->diff_note = "BCa is undefined (every replicate on one side of the "
                   "estimate): percentile interval";
  return EXIT_OK;
}

/* Detectable difference (80% power) and power against the observed one,
 * for variances v1, v0 of sizes n1, n0. */
static void power_of(const compare *cmp, cmp_row *r, double v1, double n1,
                     double v0, double n0) {
  double alpha = 1.0 - cmp->opt->level;
  int sides = cmp->alt == NPS_ALT_TWO_SIDED ? 2 : 1;
  if (nps_power_mdd(v1, n1, v0, n0, alpha, 0.8, sides, &r->mdd) != NPS_OK)
    r->mdd = NAN;
  double d = cmp->alt == NPS_ALT_LESS ? -r->diff : r->diff;
  if (sides == 2)
    d = fabs(d);
  if (d < 0 ||
      nps_power_achieved(v1, n1, v0, n0, d, alpha, sides, &r->power) != NPS_OK)
    r->power = d < 0 ? 0.0 : NAN;
}

static int compute_row(const compare *cmp, cmp_row *r, gsl_rng *rng) {
  const cli_common *c = cmp->opt;
  int rc = EXIT_OK;
  for (int i = 0; i < 2 && rc == EXIT_OK; i++)
    rc = side_stats(cmp, r, i, rng);
  if (rc)
    return rc;
  const nps_estimate *e0 = &r->side[0].est, *e1 = &r->side[1].est;
  r->diff = e1->nps - e0->nps;
  r->p_adj = NAN;
  r->mdd = r->power = NAN;
  r->diff_ci.lo = r->diff_ci.hi = NAN;
  if (e0->n == 0 || e1->n == 0) {
    r->reason = "a sample has no answers";
    r->diff = NAN;
    return EXIT_OK;
  }
  if (e0->n < c->min_n || e1->n < c->min_n) {
    r->reason = "n below --min-n";
    return EXIT_OK;
  }
  gsl_rng_set(rng, cli_group_seed(c->seed, r->key ? r->key : "",
                                  r->key ? r->key_len : 0));
  if ((rc = run_test(cmp, r, rng)) || (rc = diff_interval(cmp, r, rng)))
    return rc;
  r->tested = 1;
  r->p_adj = r->test.p;
  power_of(cmp, r, e1->var, (double)e1->n, e0->var, (double)e0->n);
  return EXIT_OK;
}

/* Rows for every key of either table (when --by), then the overall row. */
static int build_rows(compare *cmp, nps_table *t[2]) {
  size_t n0 = nps_table_size(t[0]), n1 = nps_table_size(t[1]);
  cmp->rows = calloc(n0 + n1 + 1, sizeof *cmp->rows);
  if (!cmp->rows)
    return cli_out_of_memory();
  nps_table_sort(t[0]);
  nps_table_sort(t[1]);
  size_t i = 0, j = 0;
  while (cmp->opt->n_by && (i < n0 || j < n1)) {
    const nps_group *a = i < n0 ? nps_table_group(t[0], i) : NULL;
    const nps_group *b = j < n1 ? nps_table_group(t[1], j) : NULL;
    int d = !a ? 1 : !b ? -1 : key_cmp(a, b);
    cmp_row *r = &cmp->rows[cmp->n_rows++];
    const nps_group *k = d <= 0 ? a : b;
    r->key = k->key;
    r->key_len = k->key_len;
    if (d <= 0) {
      fill_side(&r->side[0], &a->hist, a->missing);
      i++;
    }
    if (d >= 0) {
      fill_side(&r->side[1], &b->hist, b->missing);
      j++;
    }
  }
  cmp_row *all = &cmp->rows[cmp->n_rows++];
  for (int s = 0; s < 2; s++) {
    nps_hist h;
    uint64_t missing;
    nps_table_total(t[s], &h, &missing);
    fill_side(&all->side[s], &h, missing);
  }
  return EXIT_OK;
}

/* Every test on the overall comparison, each with its own status. */
static void run_all_tests(compare *cmp, gsl_rng *rng) {
  const cli_common *c = cmp->opt;
  const cmp_row *r = &cmp->rows[cmp->n_rows - 1];
  const nps_counts *g1 = &r->side[1].counts, *g0 = &r->side[0].counts;
  static const nps_test2_method order[CMP_MAX_TESTS] = {
      NPS_TEST2_ADJUSTED_WALD, NPS_TEST2_WALD, NPS_TEST2_BOOTSTRAP,
      NPS_TEST2_PERMUTATION};
  for (size_t i = 0; i < CMP_MAX_TESTS; i++) {
    cmp_test *t = &cmp->all[cmp->n_all++];
    t->method = order[i];
    gsl_rng_set(rng, cli_group_seed(c->seed, "", 0));
    switch (order[i]) {
    case NPS_TEST2_ADJUSTED_WALD:
      t->status = nps_test2_adjusted_wald(g1, g0, cmp->alt, c->level, &t->res);
      break;
    case NPS_TEST2_WALD:
      t->status = nps_test2_wald(g1, g0, cmp->alt, c->level, &t->res);
      break;
    case NPS_TEST2_BOOTSTRAP:
      t->status = nps_test2_bootstrap(g1, g0, cmp->alt, c->level, c->boot, rng,
                                      NULL, &t->res);
      break;
    case NPS_TEST2_PERMUTATION:
      t->status = nps_test2_permutation(g1, g0, cmp->alt, c->level, 0, c->boot,
                                        rng, &t->res);
      break;
    default:
      t->status = NPS_EINVAL;
      break;
    }
  }
}

/* Adjusts the p-values of the tested segments (not the overall row). */
static int adjust_segments(compare *cmp) {
  size_t k = cmp->n_rows - 1;
  if (k == 0)
    return EXIT_OK;
  double *p = malloc(k * sizeof *p);
  if (!p)
    return cli_out_of_memory();
  for (size_t i = 0; i < k; i++)
    p[i] = cmp->rows[i].tested ? cmp->rows[i].test.p : NAN;
  nps_status st = nps_multi_adjust(cmp->adjust, p, k, p);
  for (size_t i = 0; i < k && st == NPS_OK; i++)
    cmp->rows[i].p_adj = p[i];
  free(p);
  if (st != NPS_OK) {
    cli_error("--adjust %s: %s", nps_multi_method_name(cmp->adjust),
              nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  return EXIT_OK;
}

/* ---- paired ---- */

/* Joins the two id-keyed tables: each id answered once in each sample
 * becomes one cell of the transition table (rows: sample 1). */
static int join_pairs(compare *cmp, nps_table *t[2]) {
  nps_table_sort(t[0]);
  nps_table_sort(t[1]);
  size_t n0 = nps_table_size(t[0]), n1 = nps_table_size(t[1]), i = 0, j = 0;
  while (i < n0 || j < n1) {
    const nps_group *g[2] = {i < n0 ? nps_table_group(t[0], i) : NULL,
                             j < n1 ? nps_table_group(t[1], j) : NULL};
    int d = !g[0] ? 1 : !g[1] ? -1 : key_cmp(g[0], g[1]);
    uint64_t n[2] = {d <= 0 ? nps_hist_total(&g[0]->hist) : 0,
                     d >= 0 ? nps_hist_total(&g[1]->hist) : 0};
    for (int s = 0; s < 2; s++) {
      if (n[s] > 1) {
        cli_error("%s: respondent id '%.*s' answers %llu times; a paired "
                  "comparison needs one answer per id and sample",
                  cmp->path[s] ? cmp->path[s] : cmp->path[0],
                  (int)(g[s]->key_len > 200 ? 200 : g[s]->key_len), g[s]->key,
                  (unsigned long long)n[s]);
        return EXIT_DATA;
      }
    }
    if (d <= 0)
      i++;
    if (d >= 0)
      j++;
    const nps_group *k = d <= 0 ? g[0] : g[1];
    if (n[0] && n[1] && k->key_len > 0) {
      nps_counts c0 = nps_hist_counts(&g[0]->hist);
      nps_counts c1 = nps_hist_counts(&g[1]->hist);
      int a = c1.promoters ? 2 : c1.passives ? 1 : 0;
      int b = c0.promoters ? 2 : c0.passives ? 1 : 0;
      cmp->pairs.count[a][b]++;
    } else {
      for (int s = 0; s < 2; s++)
        cmp->unmatched[s] += n[s];
    }
  }
  return EXIT_OK;
}

/* The paired comparison: one row of the matched respondents' margins. */
static int compute_paired(compare *cmp, nps_table *t[2], gsl_rng *rng) {
  cmp->rows = calloc(1, sizeof *cmp->rows);
  if (!cmp->rows)
    return cli_out_of_memory();
  cmp->n_rows = 1;
  cmp_row *r = &cmp->rows[0];
  for (int s = 0; s < 2; s++) {
    nps_hist h;
    nps_table_total(t[s], &h, &r->side[s].missing);
  }
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++) {
      uint64_t n = cmp->pairs.count[a][b];
      uint64_t *c1[3] = {&r->side[1].counts.detractors,
                         &r->side[1].counts.passives,
                         &r->side[1].counts.promoters};
      uint64_t *c0[3] = {&r->side[0].counts.detractors,
                         &r->side[0].counts.passives,
                         &r->side[0].counts.promoters};
      *c1[a] += n;
      *c0[b] += n;
    }
  int rc = EXIT_OK;
  for (int i = 0; i < 2 && rc == EXIT_OK; i++)
    rc = side_stats(cmp, r, i, rng);
  if (rc)
    return rc;
  uint64_t n = r->side[0].est.n;
  r->diff = n ? r->side[1].est.nps - r->side[0].est.nps : NAN;
  r->p_adj = r->mdd = r->power = NAN;
  r->diff_ci.lo = r->diff_ci.hi = NAN;
  if (n == 0) {
    cli_error("%s: no respondent id answered in both samples (column '%s')",
              cmp->path[1] ? cmp->path[1] : cmp->path[0], cmp->id_column);
    return EXIT_DATA;
  }
  if (n < 2 || n < cmp->opt->min_n) {
    r->reason = "too few matched respondents";
    return EXIT_OK;
  }
  nps_status st =
      nps_test2_paired(&cmp->pairs, cmp->alt, cmp->opt->level, &r->test);
  if (st != NPS_OK && st != NPS_EDEGENERATE)
    return test_error(NPS_TEST2_WALD, st);
  if (st == NPS_EDEGENERATE)
    r->test_note = "every respondent changed by the same amount: the "
                   "difference has no spread";
  r->tested = 1;
  r->p_adj = r->test.p;
  r->diff_ci = r->test.ci;
  r->diff_ci_how = "paired z";
  /* The paired test is a one-sample z test on the differences: its SE
   * plays the role of sqrt(v1/n1) with v0 = 0. */
  double dn = (double)n, v = r->test.se * r->test.se * dn;
  power_of(cmp, r, v, dn, 0.0, 1.0);
  return EXIT_OK;
}

/* ---- the run ---- */

int compare_fails(const compare *cmp, const cmp_row *r) {
  if (!r->tested || cmp->fail_if == FAIL_NEVER)
    return 0;
  int sig = r->p_adj < 1.0 - cmp->opt->level;
  return cmp->fail_if == FAIL_SIGNIFICANT ? sig : sig && r->diff < 0;
}

static int analyse(compare *cmp, nps_table *t[2]) {
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng)
    return cli_out_of_memory();
  int rc;
  if (cmp->paired) {
    rc = join_pairs(cmp, t);
    if (rc == EXIT_OK)
      rc = compute_paired(cmp, t, rng);
  } else {
    rc = build_rows(cmp, t);
    for (size_t i = 0; rc == EXIT_OK && i < cmp->n_rows; i++)
      rc = compute_row(cmp, &cmp->rows[i], rng);
    if (rc == EXIT_OK)
      rc = adjust_segments(cmp);
    if (rc == EXIT_OK && cmp->rows[cmp->n_rows - 1].tested)
      run_all_tests(cmp, rng);
    /* A test that could not run for want of memory is not a result. */
    for (size_t i = 0; rc == EXIT_OK && i < cmp->n_all; i++)
      if (cmp->all[i].status == NPS_ENOMEM)
        rc = cli_out_of_memory();
  }
  gsl_rng_free(rng);
  return rc;
}

/* Refuses a comparison with an empty sample, naming it. */
static int check_nonempty(const compare *cmp) {
  const cmp_row *all = &cmp->rows[cmp->n_rows - 1];
  for (int s = 0; s < 2; s++) {
    if (all->side[s].est.n == 0) {
      const char *where = cmp->path[1] ? cmp->path[s] : cmp->path[0];
      cli_error("%s: no responses in '%s'%s", where, cmp->label[s],
                all->side[s].missing ? " (every answer is missing)" : "");
      return EXIT_DATA;
    }
  }
  return EXIT_OK;
}

static int run(compare *cmp) {
  cli_common *c = cmp->opt;
  size_t max = c->max_groups;
  if (cmp->paired && max == NPS_TABLE_DEFAULT_MAX_GROUPS)
    max = CMP_PAIRED_MAX_IDS;
  nps_table *t[2] = {nps_table_new(max), nps_table_new(max)};
  int rc = t[0] && t[1] ? EXIT_OK : cli_out_of_memory();
  if (rc == EXIT_OK)
    rc = cmp->arm_column ? load_arms(cmp, t) : load_files(cmp, t);
  if (rc == EXIT_OK)
    rc = analyse(cmp, t);
  if (rc == EXIT_OK && !cmp->paired)
    rc = check_nonempty(cmp);
  if (rc == EXIT_OK)
    rc = compare_emit(cmp);
  int met = 0;
  for (size_t i = 0; rc == EXIT_OK && i < cmp->n_rows; i++)
    met |= compare_fails(cmp, &cmp->rows[i]);
  if (met) {
    cli_warn(c, "--fail-if %s: condition met",
             cmp->fail_if == FAIL_DROP ? "drop" : "significant");
    rc = EXIT_CONDITION;
  }
  nps_table_free(t[0]);
  nps_table_free(t[1]);
  return rc;
}

int cmd_compare(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "compare");
  compare cmp;
  memset(&cmp, 0, sizeof cmp);
  cmp.opt = &c;
  cmp.method = NPS_TEST2_DEFAULT;
  cmp.alt = NPS_ALT_TWO_SIDED;
  cmp.adjust = NPS_MULTI_HOLM;
  int rc = parse_args(argc, argv, &cmp);
  if (rc == 0)
    rc = run(&cmp);
  else if (rc < 0)
    rc = EXIT_OK;
  free(cmp.rows);
  free(cmp.label_owned[0]);
  free(cmp.label_owned[1]);
  cli_common_free(&c);
  return rc;
}
