/*
 * test_did.c - the difference-in-differences analysis: the DiD, its Wald
 * SE, interval and p, each arm's change, the adjusted variance of a cell
 * with no spread, the bootstrap against the Wald SE, the verdict's
 * coherence, small bases, empty cells, and splitting one table by arm and
 * period.
 *
 * Expected values: tests/unit/scripts/did_reference.py (Python standard
 * library: math.erfc for the normal p, statistics.NormalDist for the
 * quantile), run as /usr/bin/python3 tests/unit/scripts/did_reference.py.
 */
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "nps/did.h"
#include "nps_test.h"

/* Four one-group tables of counts c[0..3], scores 10 / 8 / 0. */
static void tables_of(const nps_counts c[4], nps_table *t[4]) {
  for (int i = 0; i < 4; i++) {
    t[i] = nps_table_new(0);
    assert_non_null(t[i]);
    if (c[i].promoters)
      assert_int_equal(nps_table_add(t[i], "", 0, 10, c[i].promoters), NPS_OK);
    if (c[i].passives)
      assert_int_equal(nps_table_add(t[i], "", 0, 8, c[i].passives), NPS_OK);
    if (c[i].detractors)
      assert_int_equal(nps_table_add(t[i], "", 0, 0, c[i].detractors), NPS_OK);
  }
}

static void free_tables(nps_table *t[4]) {
  for (int i = 0; i < 4; i++)
    nps_table_free(t[i]);
}

static nps_did *run(const nps_counts c[4], const nps_did_options *o,
                    nps_status want) {
  nps_table *t[4];
  tables_of(c, t);
  nps_did *d = NULL;
  assert_int_equal(nps_did_run((const nps_table *const *)t, o, &d, NULL), want);
  free_tables(t);
  return d;
}

static void options(nps_did_options *o, size_t B) {
  nps_did_options_init(o);
  o->replicates = B;
  o->seed = 42;
}

static void test_reference(void **state) {
  (void)state;
  nps_did_options o;
  options(&o, 2000);
  /* did_reference.py, case "main" */
  const nps_counts c[4] = {
      {80, 70, 50}, {90, 60, 50}, {70, 75, 55}, {130, 60, 40}};
  nps_did *d = run(c, &o, NPS_OK);
  assert_true(d->tested);
  assert_double_near(d->did, 0.266304347826087, 1e-12);
  assert_double_near(d->se, 0.109919290393788, 1e-12);
  assert_double_near(d->z, 2.4227262282357, 1e-10);
  assert_double_near(d->p, 0.0154045309214348, 1e-12);
  assert_double_near(d->wald_ci.lo, 0.0508664974480624, 1e-12);
  assert_double_near(d->wald_ci.hi, 0.481742198204111, 1e-12);
  assert_double_near(d->change[0].diff, 0.05, 1e-12);
  assert_double_near(d->change[0].se, 0.0802340326794061, 1e-12);
  assert_double_near(d->change[0].p, 0.533168245182159, 1e-12);
  assert_double_near(d->change[1].diff, 0.316304347826087, 1e-12);
  assert_double_near(d->change[1].p, 2.55363081151232e-05, 1e-15);
  assert_true(d->change[0].tested && d->change[1].tested);
  assert_int_equal(d->change[0].ci.method_used, NPS_DIFF_CI_WALD);
  /* the change's interval is its z test's: diff -+ z_0.975 SE, with the
   * reference SE above (z_0.975 = 1.959963984540054) */
  assert_double_near(d->change[0].ci.iv.lo,
                     0.05 - 1.959963984540054 * 0.0802340326794061, 1e-12);
  assert_double_near(d->change[0].ci.iv.hi,
                     0.05 + 1.959963984540054 * 0.0802340326794061, 1e-12);
  /* every procedure rejects here: significant, upward */
  assert_int_equal(d->rejects, NPS_DID_ALL);
  assert_true(d->verdict.significant);
  assert_int_equal(d->verdict.direction, 1);
  assert_double_near(d->verdict.p, d->p, 0);
  assert_null(d->note);
  for (int i = 0; i < 4; i++) {
    assert_true(d->cell[i].has_ci);
    assert_false(d->cell[i].small);
    assert_true(d->cell[i].ci.iv.lo < d->cell[i].est.nps &&
                d->cell[i].est.nps < d->cell[i].ci.iv.hi);
  }
  nps_did_free(d);

  /* case "null": nothing moved */
  const nps_counts z[4] = {
      {100, 60, 40}, {98, 62, 40}, {50, 30, 20}, {52, 28, 20}};
  d = run(z, &o, NPS_OK);
  assert_double_near(d->did, 0.03, 1e-12);
  assert_double_near(d->se, 0.135482471190926, 1e-12);
  assert_double_near(d->p, 0.824756966571888, 1e-12);
  assert_double_near(d->wald_ci.lo, -0.2355407640707, 1e-12);
  assert_false(d->verdict.significant);
  assert_int_equal(d->verdict.conflict, NPS_CONFLICT_NONE);
  assert_int_equal(d->rejects, 0);
  nps_did_free(d);
}

static void test_zero_variance(void **state) {
  (void)state;
  nps_did_options o;
  options(&o, 2000);
  /* did_reference.py, case "zero_var": pilot after all promoters */
  const nps_counts c[4] = {
      {30, 40, 30}, {35, 35, 30}, {20, 25, 15}, {40, 0, 0}};
  nps_did *d = run(c, &o, NPS_OK);
  assert_true(d->cell[3].adjusted);
  assert_false(d->cell[0].adjusted);
  assert_double_near(d->did, 0.866666666666667, 1e-12);
  assert_double_near(d->se, 0.156767576853937, 1e-12);
  assert_double_near(d->p, 3.23249205777824e-08, 1e-18);
  assert_double_near(d->wald_ci.hi, 1.173925471244, 1e-12);
  assert_double_near(d->change[1].se, 0.110004877858462, 1e-12);
  assert_non_null(d->note);
  assert_true(d->se > 0);
  nps_did_free(d);
}

/* The bootstrap's SE of DiD* is the Wald SE (plug-in variances, divided by
 * n, which is exactly the multinomial variance): with B = 20000 its
 * relative Monte Carlo error is about 1 / sqrt(2B) = 0.5%, so 3% is six
 * standard errors. Its percentile interval is close to the Wald one. */
static void test_bootstrap_matches_wald(void **state) {
  (void)state;
  nps_did_options o;
  options(&o, 20000);
  const nps_counts c[4] = {
      {80, 70, 50}, {90, 60, 50}, {70, 75, 55}, {130, 60, 40}};
  nps_did *d = run(c, &o, NPS_OK);
  assert_double_near(d->boot_se / d->se, 1.0, 0.03);
  assert_double_near(d->boot_ci.lo, d->wald_ci.lo, 0.1 * d->se);
  assert_double_near(d->boot_ci.hi, d->wald_ci.hi, 0.1 * d->se);
  assert_int_equal(d->replicates, 20000);
  /* the same seed gives the same replicates */
  nps_did *e = run(c, &o, NPS_OK);
  assert_double_near(e->boot_ci.lo, d->boot_ci.lo, 0);
  assert_double_near(e->boot_p, d->boot_p, 0);
  nps_did_free(e);
  nps_did_free(d);
}

/* A DiD far from 0: every replicate on one side, p floored at 1/B. */
static void test_boot_p_floor(void **state) {
  (void)state;
  nps_did_options o;
  options(&o, 1000);
  const nps_counts c[4] = {
      {300, 200, 300}, {300, 200, 300}, {300, 200, 300}, {600, 150, 50}};
  nps_did *d = run(c, &o, NPS_OK);
  assert_true(d->boot_p_floor);
  assert_double_near(d->boot_p, 1.0 / 1000, 0);
  assert_true(d->verdict.significant);
  nps_did_free(d);
}

/* No verdict says 'significant' while an interval shown with it contains
 * 0 or a p shown with it is at least alpha; 'borderline' exactly when the
 * procedures split. Random tables, fixed seed. */
static void test_coherence(void **state) {
  (void)state;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20240601);
  nps_did_options o;
  options(&o, 1000);
  int significant = 0, borderline = 0;
  for (int k = 0; k < 60; k++) {
    nps_counts c[4];
    double shift = 0.1 * (double)(k % 4);
    for (int i = 0; i < 4; i++) {
      unsigned n = 40 + (unsigned)gsl_rng_uniform_int(r, 160);
      double pr[3] = {0.35, 0.3, 0.35};
      if (i == 3) {
        pr[0] += shift;
        pr[2] -= shift;
      }
      unsigned x[3];
      gsl_ran_multinomial(r, 3, n, pr, x);
      c[i] = (nps_counts){x[0], x[1], x[2]};
    }
    o.seed = (unsigned long)k;
    nps_did *d = run(c, &o, NPS_OK);
    const nps_verdict *v = &d->verdict;
    assert_true(v->tested);
    if (v->significant) {
      significant++;
      assert_true(d->p < 0.05 && d->boot_p < 0.05);
      assert_true(d->wald_ci.lo > 0 || d->wald_ci.hi < 0);
      assert_true(d->boot_ci.lo > 0 || d->boot_ci.hi < 0);
      assert_int_equal(v->conflict, NPS_CONFLICT_NONE);
    } else if (d->rejects) {
      borderline++;
      assert_int_not_equal(v->conflict, NPS_CONFLICT_NONE);
    } else {
      assert_int_equal(v->conflict, NPS_CONFLICT_NONE);
    }
    /* the Wald interval and the Wald p agree by construction, and so do
     * the percentile interval and the bootstrap p (its inversion) */
    assert_int_equal(!!(d->rejects & NPS_DID_WALD_P),
                     !!(d->rejects & NPS_DID_WALD_CI));
    assert_int_equal(!!(d->rejects & NPS_DID_BOOT_P),
                     !!(d->rejects & NPS_DID_BOOT_CI));
    nps_did_free(d);
  }
  assert_true(significant > 5);
  (void)borderline;
  gsl_rng_free(r);
}

/* A mass of replicates exactly at 0: control before (0, 2, 10), control
 * after (0, 0, 4), pilot before (0, 0, 5), pilot after (0, 1, 5). Two
 * cells are all detractors, so DiD* = 2 + theta*_pa + theta*_cb >= 0, and
 * DiD* = 0 exactly when both redrawn cells are all detractors:
 * q = (5/6)^6 (10/12)^12 = 0.0375610367586 (by hand, checked with
 * Python). Nothing falls below 0, so the lower percentile limit at 95% is
 * 0 (2.5% < q of the replicates sit there) and the interval holds 0; the
 * bootstrap p must then not reject. The inverted-interval p is
 * 2 (k - 1)/(B - 1) with k ~ Binomial(B, q): about 2q = 0.0751220735, MC
 * SD 2 sqrt(q (1 - q) / B) = 0.0027 at B = 20000; 0.011 is four SDs. (The
 * old rule, ties with 0 counted half, gave about q = 0.0376 < 0.05: a p
 * that rejected beside an interval holding 0; the coherence grid,
 * tests/coherence/grid.py pilot, found it.) */
static void test_boot_p_tie_mass(void **state) {
  (void)state;
  nps_did_options o;
  options(&o, 20000);
  o.min_n = 2;
  const nps_counts c[4] = {{0, 2, 10}, {0, 0, 4}, {0, 0, 5}, {0, 1, 5}};
  nps_did *d = run(c, &o, NPS_OK);
  assert_true(d->tested);
  assert_double_near(d->boot_ci.lo, 0.0, 0);
  assert_double_near(d->boot_p, 0.0751220735172159, 0.011);
  assert_true(d->boot_p >= 0.05);
  assert_false(d->boot_p_floor);
  assert_false(d->rejects & NPS_DID_BOOT_P);
  assert_false(d->rejects & NPS_DID_BOOT_CI);
  assert_false(d->verdict.significant);
  nps_did_free(d);
  /* at 90% the lower limit is the 5% quantile, above q: the interval
   * excludes 0, and the same p (0.075 < 0.10) rejects with it */
  o.level = 0.90;
  d = run(c, &o, NPS_OK);
  assert_true(d->boot_ci.lo > 0);
  assert_double_near(d->boot_p, 0.0751220735172159, 0.011);
  assert_true(d->rejects & NPS_DID_BOOT_P);
  assert_true(d->rejects & NPS_DID_BOOT_CI);
  nps_did_free(d);
}

static void test_small_and_empty(void **state) {
  (void)state;
  nps_did_options o;
  options(&o, 500);
  const nps_counts small[4] = {
      {80, 70, 50}, {90, 60, 50}, {70, 75, 55}, {10, 5, 5}};
  nps_did *d = run(small, &o, NPS_OK);
  assert_true(d->cell[3].small);
  assert_true(d->cell[3].has_ci);
  assert_int_equal(d->n_small, 1);
  assert_false(d->tested);
  assert_false(d->verdict.tested);
  assert_false(d->verdict.significant);
  assert_false(d->change[1].tested);
  assert_true(d->change[0].tested);
  assert_double_near(d->did, (0.25 - 0.075) - 0.05, 1e-12);
  assert_double_nan(d->p);
  assert_double_nan(d->boot_ci.lo);
  nps_did_free(d);

  const nps_counts empty[4] = {
      {80, 70, 50}, {0, 0, 0}, {70, 75, 55}, {10, 5, 5}};
  d = run(empty, &o, NPS_EEMPTY);
  assert_non_null(d);
  nps_did_free(d);
  /* the error says which cell is empty (the first, cell 1) */
  nps_table *te[4];
  tables_of(empty, te);
  nps_run_error err = {0};
  assert_int_equal(nps_did_run((const nps_table *const *)te, &o, &d, &err),
                   NPS_EEMPTY);
  free_tables(te);
  assert_int_equal(err.sample, 1);
  assert_int_equal(err.count, 0);
  assert_int_equal(d->cell[1].est.n, 0);
  assert_double_nan(d->did);
  assert_false(d->verdict.tested);
  nps_did_free(d);
  nps_did_free(NULL);

  o.level = 1.5;
  d = run(small, &o, NPS_EINVAL);
  assert_null(d);
  options(&o, 1);
  d = run(small, &o, NPS_EINVAL);
  assert_null(d);
}

static void add(nps_table *t, const char *arm, const char *period, int score,
                uint64_t count) {
  char key[64];
  int n = snprintf(key, sizeof key, "%s%c%s", arm, NPS_KEY_SEP, period);
  assert_int_equal(nps_table_add(t, key, (size_t)n, score, count), NPS_OK);
}

static void test_split_and_values(void **state) {
  (void)state;
  nps_table *all = nps_table_new(0);
  add(all, "pilot", "before", 10, 3);
  add(all, "control", "after", 0, 2);
  add(all, "control", "before", 8, 4);
  add(all, "pilot", "after", 9, 5);
  add(all, "other", "after", 9, 7);
  const char *part[4];
  size_t len[4], n;
  nps_did_values(all, 1, 4, part, len, &n);
  assert_int_equal(n, 2);
  assert_memory_equal(part[0], "before", 6); /* before/after, not sorted */
  assert_memory_equal(part[1], "after", 5);
  nps_did_values(all, 0, 4, part, len, &n);
  assert_int_equal(n, 3);
  assert_memory_equal(part[0], "control", 7);
  assert_memory_equal(part[1], "other", 5);
  nps_did_values(all, 0, 2, part, len, &n);
  assert_int_equal(n, 3); /* more than room */

  const char *arm[2] = {"control", "pilot"}, *per[2] = {"before", "after"};
  const size_t alen[2] = {7, 5}, plen[2] = {6, 5};
  nps_table *t[4];
  for (int i = 0; i < 4; i++)
    t[i] = nps_table_new(0);
  uint64_t other;
  assert_int_equal(nps_did_split(all, arm, alen, per, plen, t, &other), NPS_OK);
  assert_int_equal(other, 7);
  const uint64_t want[4] = {4, 2, 3, 5};
  for (int i = 0; i < 4; i++) {
    nps_hist h;
    uint64_t missing;
    nps_table_total(t[i], &h, &missing);
    assert_int_equal(nps_hist_total(&h), want[i]);
  }
  free_tables(t);
  nps_table_free(all);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reference),
      cmocka_unit_test(test_zero_variance),
      cmocka_unit_test(test_bootstrap_matches_wald),
      cmocka_unit_test(test_boot_p_floor),
      cmocka_unit_test(test_boot_p_tie_mass),
      cmocka_unit_test(test_coherence),
      cmocka_unit_test(test_small_and_empty),
      cmocka_unit_test(test_split_and_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
