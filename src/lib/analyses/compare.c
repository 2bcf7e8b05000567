/*
 * compare.c - the compare analysis: two independent samples (overall and
 * per segment) or paired answers, each comparison with both samples'
 * intervals, the chosen test, the interval of the difference, the
 * detectable difference and the verdict; the overall comparison also with
 * every test side by side.
 *
 * It combines the estimators (ci, test2, diffci, multi, power) and makes
 * the decisions between them; it reads nothing and prints nothing. The
 * paired join lives in compare_paired.c, the power curves in
 * compare_power.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"
#include "nps/summary.h"

void nps_compare_options_init(nps_compare_options *opt) {
  *opt = (nps_compare_options){.ci = NPS_CI_DEFAULT,
                               .level = 0.95,
                               .replicates = NPS_BOOT_DEFAULT_REPLICATES,
                               .test = NPS_TEST2_DEFAULT,
                               .alternative = NPS_ALT_TWO_SIDED,
                               .adjust = NPS_MULTI_HOLM,
                               .diff_ci = NPS_DIFF_CI_DEFAULT,
                               .paired_test = NPS_TEST2_SIGN_FLIP};
}

static const char *row_key(const nps_compare_row *r) {
  return r->key ? r->key : "";
}

nps_status nps_compare_side_stats(const nps_compare *c, nps_compare_row *r,
                                  int i, gsl_rng *rng) {
  const nps_compare_options *o = &c->options;
  nps_compare_side *s = &r->side[i];
  nps_counts_estimate(&s->counts, &s->est);
  s->est.n = nps_counts_total(&s->counts);
  if (s->est.n == 0)
    return NPS_OK; /* a small sample keeps its interval, untested */
  const char *label = o->label[i] ? o->label[i] : "";
  unsigned long seed = nps_seed_for_key(o->seed, label, strlen(label));
  gsl_rng_set(rng, nps_seed_for_key(seed, row_key(r), r->key_len));
  nps_ci_request req = {o->ci, o->level, o->replicates, rng, NULL};
  nps_status st = nps_ci_compute(&s->counts, &req, &s->ci);
  s->has_ci = st == NPS_OK;
  return st;
}

/* The chosen test of sample 1 against sample 0, its intervals at level.
 * A permutation test that the counts overflow falls back to the
 * adjusted-Wald z test. */
static nps_status run_test(const nps_compare *c, nps_compare_row *r,
                           double level, gsl_rng *rng) {
  const nps_compare_options *o = &c->options;
  nps_test2_request req = {
      o->test, o->alternative, level, o->replicates, 0, rng, NULL};
  const nps_counts *g1 = &r->side[1].counts, *g0 = &r->side[0].counts;
  nps_status st = nps_test2_compute(g1, g0, &req, &r->test);
  if (st == NPS_EOVERFLOW && o->test == NPS_TEST2_PERMUTATION) {
    req.method = NPS_TEST2_ADJUSTED_WALD;
    st = nps_test2_compute(g1, g0, &req, &r->test);
    r->test.note = "the permutation test needs the two samples to hold at "
                   "most 2^64 - 1 answers together; adjusted-Wald z test "
                   "used";
  }
  return st;
}

/* The interval of the difference at level: the chosen test's own when
 * asked for, and always with a one-sided alternative (its one-sided bound,
 * which agrees with its p by construction: a bound from another procedure
 * would answer another question); else nps_diff_ci_compute. */
static nps_status diff_interval(const nps_compare *c, nps_compare_row *r,
                                double level, gsl_rng *rng) {
  const nps_compare_options *o = &c->options;
  r->ci_level = level;
  if (o->diff_ci == NPS_DIFF_CI_TEST || o->alternative != NPS_ALT_TWO_SIDED) {
    r->diff_ci = (nps_diff_ci_result){nps_diff_ci_alternative(&r->test),
                                      r->test.diff, NPS_DIFF_CI_TEST, NULL};
    return NPS_OK;
  }
  nps_diff_ci_request req = {
      o->diff_ci, o->alternative,
      level,      o->replicates,
      rng,        r->test.method == NPS_TEST2_BOOTSTRAP ? &r->test : NULL};
  return nps_diff_ci_compute(&r->side[1].counts, &r->side[0].counts, &req,
                             &r->diff_ci);
}

void nps_compare_mdd_of(const nps_compare *c, nps_compare_row *r, double v1,
                        double n1, double v0, double n0) {
  const nps_compare_options *o = &c->options;
  int sides = o->alternative == NPS_ALT_TWO_SIDED ? 2 : 1;
  if (nps_power_mdd(v1, n1, v0, n0, 1.0 - o->level, NPS_COMPARE_POWER, sides,
                    &r->mdd) != NPS_OK)
    r->mdd = NAN;
}

/* Whether the interval excludes 0 on the side of the difference d. */
static int interval_rejects(const nps_interval *iv, double d) {
  return (d > 0 && iv->lo > 0) || (d < 0 && iv->hi < 0);
}

/* x to 12 significant digits. Decisions compare p and alpha = 1 - level
 * so rounded: 1 - 0.95 is 0.050000000000000044 in binary, and an exact
 * permutation p of 1/20 sums to 0.04999999999999999; neither may decide
 * a verdict that is a tie in exact arithmetic (a tie does not reject). */
static double twelve_digits(double x) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.12g", x);
  return strtod(buf, NULL);
}

/* The first test shown beside the chosen one that disagrees with its
 * decision (reject or not at alpha; the overall row), or NULL. */
static const nps_compare_test *disagreeing(const nps_compare *c, int rejects,
                                           double alpha) {
  for (size_t i = 0; i < c->n_tests; i++) {
    const nps_compare_test *t = &c->tests[i];
    if (t->status == NPS_OK && !isnan(t->res.p) &&
        (twelve_digits(t->res.p) < alpha) != rejects)
      return t;
  }
  return NULL;
}

void nps_compare_decide(const nps_compare *c, nps_compare_row *r) {
  nps_verdict *v = &r->verdict;
  double alpha = twelve_digits(1.0 - c->options.level);
  *v = (nps_verdict){r->untested == NPS_UNTESTED_NONE,
                     0,
                     0,
                     NAN,
                     NPS_CONFLICT_NONE,
                     r->test.method,
                     NAN};
  v->direction = r->diff > 0 ? 1 : r->diff < 0 ? -1 : 0;
  if (!(r->ci_level > 0.0))
    r->ci_level = c->options.level;
  if (!v->tested)
    return;
  v->p = r->p_adjusted;
  int rejects = twelve_digits(v->p) < alpha;
  /* The interval is at the level matched to the adjusted p, so both
   * answer the same question; with a one-sided alternative it is the
   * test's one-sided bound, for independent and paired samples alike. */
  const nps_compare_test *other =
      r == nps_compare_overall(c) ? disagreeing(c, rejects, alpha) : NULL;
  if (!isnan(r->diff_ci.iv.lo) &&
      interval_rejects(&r->diff_ci.iv, r->diff) != rejects) {
    v->conflict = NPS_CONFLICT_INTERVAL;
  } else if (other) {
    v->conflict = NPS_CONFLICT_TESTS;
    v->other_test = other->method;
    v->other_p = other->res.p;
  }
  v->significant = rejects && v->conflict == NPS_CONFLICT_NONE;
}

void nps_compare_row_clear(nps_compare_row *r) {
  r->p_adjusted = r->mdd = NAN;
  r->mdd_adjusted = 0;
  r->test.note = NULL;
  r->diff_ci = (nps_diff_ci_result){{NAN, NAN}, NAN, NPS_DIFF_CI_NONE, NULL};
}

/* The row's test and interval at level, from the row's seed: the same
 * draws at every level, so a rerun at another level keeps p. */
static nps_status row_intervals(const nps_compare *c, nps_compare_row *r,
                                double level, gsl_rng *rng) {
  const nps_compare_options *o = &c->options;
  gsl_rng_set(rng, nps_seed_for_key(o->seed, row_key(r), r->key_len));
  nps_status st = run_test(c, r, level, rng);
  return st != NPS_OK ? st : diff_interval(c, r, level, rng);
}

/* The detectable difference from the samples' variances; a one-category
 * sample's plug-in variance is 0 and would make any difference look
 * detectable, so then both samples use the adjusted-Wald variance
 * (Rocks 2016: +0.75 / +1.5 / +0.75, n + 3). */
static void row_mdd(const nps_compare *c, nps_compare_row *r) {
  const nps_estimate *e0 = &r->side[0].est, *e1 = &r->side[1].est;
  if (!nps_counts_one_category(&r->side[0].counts) &&
      !nps_counts_one_category(&r->side[1].counts)) {
    nps_compare_mdd_of(c, r, e1->var, (double)e1->n, e0->var, (double)e0->n);
    return;
  }
  double t0, v0, m0, t1, v1, m1;
  nps_test2_adjusted(&r->side[0].counts, &t0, &v0, &m0);
  nps_test2_adjusted(&r->side[1].counts, &t1, &v1, &m1);
  nps_compare_mdd_of(c, r, v1, m1, v0, m0);
  r->mdd_adjusted = 1;
}

static nps_status compute_row(const nps_compare *c, nps_compare_row *r,
                              gsl_rng *rng) {
  const nps_compare_options *o = &c->options;
  nps_status st = NPS_OK;
  for (int i = 0; i < 2 && st == NPS_OK; i++)
    st = nps_compare_side_stats(c, r, i, rng);
  if (st != NPS_OK)
    return st;
  const nps_estimate *e0 = &r->side[0].est, *e1 = &r->side[1].est;
  r->diff = e1->nps - e0->nps;
  nps_compare_row_clear(r);
  if (e0->n == 0 || e1->n == 0) {
    r->untested = NPS_UNTESTED_EMPTY;
    r->diff = NAN;
    return NPS_OK;
  }
  if (e0->n < o->min_n || e1->n < o->min_n) {
    r->untested = NPS_UNTESTED_SMALL;
    return NPS_OK;
  }
  if ((st = row_intervals(c, r, o->level, rng)) != NPS_OK)
    return st;
  r->p_adjusted = r->test.p;
  row_mdd(c, r);
  return NPS_OK;
}

static void fill_side(nps_compare_side *s, const nps_hist *h,
                      uint64_t missing) {
  s->counts = nps_hist_counts(h);
  s->missing = missing;
}

/* Rows for every key of either table (by segment), then the overall row.
 * The tables are walked in key order through sorted views: they are not
 * changed. */
static nps_status build_rows(nps_compare *c, const nps_table *const t[2]) {
  size_t n0 = nps_table_size(t[0]), n1 = nps_table_size(t[1]), i = 0, j = 0;
  int ok0, ok1;
  const nps_group **g0 = nps_table_sorted(t[0], &ok0);
  const nps_group **g1 = nps_table_sorted(t[1], &ok1);
  c->rows = ok0 && ok1 ? calloc(n0 + n1 + 1, sizeof *c->rows) : NULL;
  if (!c->rows) {
    free(g0);
    free(g1);
    return NPS_ENOMEM;
  }
  while (c->options.by_segment && (i < n0 || j < n1)) {
    const nps_group *a = i < n0 ? g0[i] : NULL;
    const nps_group *b = j < n1 ? g1[j] : NULL;
    int d = !a   ? 1
            : !b ? -1
                 : nps_key_compare(a->key, a->key_len, b->key, b->key_len);
    nps_compare_row *r = &c->rows[c->n_rows++];
    const nps_group *k = d <= 0 ? a : b;
    r->key = k->key;
    r->key_len = k->key_len;
    if (d <= 0)
      fill_side(&r->side[0], &a->hist, a->missing), i++;
    if (d >= 0)
      fill_side(&r->side[1], &b->hist, b->missing), j++;
  }
  free(g0);
  free(g1);
  nps_compare_row *all = &c->rows[c->n_rows++];
  for (int s = 0; s < 2; s++) {
    nps_hist h;
    uint64_t missing;
    nps_table_total(t[s], &h, &missing);
    fill_side(&all->side[s], &h, missing);
  }
  return NPS_OK;
}

/* A Wald or bootstrap test whose samples have every answer in one
 * category has no sampling spread (SE = 0): a point interval and p = 0 or
 * 1 would be read as certainty. Its row keeps the difference and the
 * library's note, with no z, p or interval. */
static void drop_flat(nps_test2_result *t) {
  if (!(t->method == NPS_TEST2_WALD || t->method == NPS_TEST2_BOOTSTRAP) ||
      t->se > 0.0)
    return;
  t->z = t->p = t->p_percentile = t->p_bca = NAN;
  t->ci = t->ci_alt = t->ci_percentile = (nps_interval){NAN, NAN};
}

/* Every test on the overall comparison, each with its own status and the
 * overall row's seed. The chosen test ran with that seed and those
 * arguments already: unless it fell back to another method, its result is
 * copied rather than drawn again (the resampling tests cost B draws). */
static void run_all_tests(nps_compare *c, gsl_rng *rng) {
  const nps_compare_options *o = &c->options;
  const nps_compare_row *r = nps_compare_overall(c);
  const nps_counts *g1 = &r->side[1].counts, *g0 = &r->side[0].counts;
  static const nps_test2_method order[NPS_COMPARE_MAX_TESTS] = {
      NPS_TEST2_ADJUSTED_WALD, NPS_TEST2_WALD, NPS_TEST2_BOOTSTRAP,
      NPS_TEST2_PERMUTATION};
  for (size_t i = 0; i < NPS_COMPARE_MAX_TESTS; i++) {
    nps_compare_test *t = &c->tests[c->n_tests++];
    t->method = order[i];
    if (order[i] == o->test && r->test.method == o->test &&
        (o->test == NPS_TEST2_BOOTSTRAP || o->test == NPS_TEST2_PERMUTATION)) {
      t->status = NPS_OK;
      t->res = r->test;
      continue;
    }
    gsl_rng_set(rng, nps_seed_for_key(o->seed, "", 0));
    /* Each test as itself: no fallback to another method. */
    switch (order[i]) {
    case NPS_TEST2_ADJUSTED_WALD:
      t->status =
          nps_test2_adjusted_wald(g1, g0, o->alternative, o->level, &t->res);
      break;
    case NPS_TEST2_WALD:
      t->status = nps_test2_wald(g1, g0, o->alternative, o->level, &t->res);
      break;
    case NPS_TEST2_BOOTSTRAP:
      t->status = nps_test2_bootstrap(g1, g0, o->alternative, o->level,
                                      o->replicates, rng, NULL, &t->res);
      break;
    default:
      t->status = nps_test2_permutation(g1, g0, o->alternative, o->level, 0,
                                        o->replicates, rng, &t->res);
      break;
    }
    if (t->status == NPS_OK)
      drop_flat(&t->res);
  }
}

/* Each tested segment's interval again at the level matched to its
 * adjusted p (nps_multi_matched_level, as segments and benchmark do), so
 * that it excludes 0 when the adjusted p rejects, not the raw one. */
static nps_status match_segments(nps_compare *c, gsl_rng *rng) {
  const nps_compare_options *o = &c->options;
  nps_status st = NPS_OK;
  for (size_t i = 0; st == NPS_OK && i + 1 < c->n_rows; i++) {
    nps_compare_row *r = &c->rows[i];
    if (r->untested)
      continue;
    double lv = nps_multi_matched_level(o->level, r->test.p, r->p_adjusted);
    if (lv != o->level)
      st = row_intervals(c, r, lv, rng);
  }
  return st;
}

/* Adjusts the p-values of the tested segments (not the overall row). */
static nps_status adjust_segments(nps_compare *c) {
  size_t k = c->n_rows - 1;
  if (k == 0)
    return NPS_OK;
  double *p = malloc(k * sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  for (size_t i = 0; i < k; i++)
    p[i] = c->rows[i].untested ? NAN : c->rows[i].test.p;
  nps_status st = nps_multi_adjust(c->options.adjust, p, k, p);
  for (size_t i = 0; i < k && st == NPS_OK; i++)
    c->rows[i].p_adjusted = p[i];
  free(p);
  return st;
}

nps_status nps_compare_new(const nps_compare_options *opt, nps_compare **out,
                           nps_run_error *err) {
  *out = NULL;
  nps_run_error_clear(err);
  if (!nps_level_valid(opt->level) || opt->replicates == 1 ||
      opt->diff_ci == NPS_DIFF_CI_PAIRED || opt->diff_ci == NPS_DIFF_CI_NONE ||
      opt->test == NPS_TEST2_PAIRED || opt->test == NPS_TEST2_SIGN_FLIP ||
      (opt->standardize && opt->by_segment) ||
      (opt->paired_test != NPS_TEST2_SIGN_FLIP &&
       opt->paired_test != NPS_TEST2_PAIRED))
    return NPS_EINVAL;
  nps_compare *c = calloc(1, sizeof *c);
  if (!c)
    return NPS_ENOMEM;
  c->options = *opt;
  if (!c->options.replicates)
    c->options.replicates = NPS_BOOT_DEFAULT_REPLICATES;
  *out = c;
  return NPS_OK;
}

/* The comparison at the pooled mix of the tables' strata, and its
 * verdict: significant when its z test rejects, which its own Wald
 * interval then does too. No stratum in both samples leaves it NULL. */
static nps_status standardize(nps_compare *c, const nps_table *const t[2]) {
  const nps_compare_options *o = &c->options;
  nps_status st =
      nps_standardize(t, o->alternative, o->level, &c->standardized);
  if (st == NPS_EEMPTY)
    return NPS_OK;
  if (st != NPS_OK)
    return st;
  const nps_test2_result *r = &c->standardized->test;
  c->standardized_verdict =
      (nps_verdict){.tested = 1,
                    .significant = r->p < 1.0 - o->level,
                    .direction = (r->diff > 0.0) - (r->diff < 0.0),
                    .p = r->p};
  return NPS_OK;
}

static nps_status analyse(nps_compare *c, const nps_table *const t[2],
                          gsl_rng *rng) {
  nps_status st = build_rows(c, t);
  for (size_t i = 0; st == NPS_OK && i < c->n_rows; i++)
    st = compute_row(c, &c->rows[i], rng);
  if (st == NPS_OK)
    st = adjust_segments(c);
  if (st == NPS_OK)
    st = match_segments(c, rng);
  if (st == NPS_OK && c->options.all_tests && !nps_compare_overall(c)->untested)
    run_all_tests(c, rng);
  /* A test that could not run for want of memory is not a result. */
  for (size_t i = 0; st == NPS_OK && i < c->n_tests; i++)
    if (c->tests[i].status == NPS_ENOMEM)
      st = NPS_ENOMEM;
  for (size_t i = 0; st == NPS_OK && i < c->n_rows; i++)
    nps_compare_decide(c, &c->rows[i]);
  if (st == NPS_OK && c->options.standardize)
    st = standardize(c, t);
  return st;
}

nps_status nps_compare_run(const nps_table *const t[2],
                           const nps_compare_options *opt, nps_compare **out,
                           nps_run_error *err) {
  nps_compare *c;
  nps_status st = nps_compare_new(opt, &c, err);
  if (st != NPS_OK)
    return st;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  st = rng ? analyse(c, t, rng) : NPS_ENOMEM;
  gsl_rng_free(rng);
  if (st != NPS_OK) {
    nps_compare_free(c);
    *out = NULL;
    return st;
  }
  *out = c;
  const nps_compare_row *all = nps_compare_overall(c);
  for (int s = 0; s < 2; s++)
    if (all->side[s].est.n == 0) {
      if (err)
        err->sample = s;
      return NPS_EEMPTY;
    }
  return NPS_OK;
}

const nps_compare_row *nps_compare_overall(const nps_compare *c) {
  return &c->rows[c->n_rows - 1];
}

nps_status nps_compare_gate(const nps_compare *c, nps_gate_when when,
                            nps_gate *out) {
  *out = (nps_gate){0, 0, SIZE_MAX, NAN, SIZE_MAX, NAN};
  double *p = malloc(c->n_rows * sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  for (size_t i = 0; i < c->n_rows; i++) {
    p[i] = c->rows[i].verdict.tested ? c->rows[i].test.p : NAN;
    out->family += c->rows[i].verdict.tested;
  }
  nps_status st = nps_multi_adjust(c->options.adjust, p, c->n_rows, p);
  double alpha = 1.0 - c->options.level;
  for (size_t i = 0; st == NPS_OK && i < c->n_rows && !out->fires; i++) {
    const nps_verdict *v = &c->rows[i].verdict;
    int side = when == NPS_GATE_SIGNIFICANT || v->direction < 0;
    if (v->significant && p[i] < alpha && side) {
      out->fires = 1;
      out->row = i;
      out->p_family = p[i];
      out->nearest = SIZE_MAX;
      out->p_nearest = NAN;
    } else if (side && !isnan(p[i]) &&
               (isnan(out->p_nearest) || p[i] < out->p_nearest)) {
      out->nearest = i;
      out->p_nearest = p[i];
    }
  }
  free(p);
  return st;
}

void nps_compare_free(nps_compare *c) {
  if (!c)
    return;
  nps_standardized_free(c->standardized);
  free(c->rows);
  free(c);
}
