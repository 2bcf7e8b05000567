/*
 * test_verdict.c - the verdict of a comparison agrees with every procedure
 * shown beside it: the chosen test's p, the interval of the difference and
 * the other tests; where they disagree it is borderline, never
 * significant. Also the test-based interval that makes an interval agree
 * with a test's p by construction.
 *
 * Expected values, by hand or by the stated script:
 * - test-based SE |d| / z_{1-p/2}: d = 0.2, p = 0.05 gives SE 0.2 / 1.959964
 *   and the 95% interval [0, 0.4]; p = 0.01 gives z 2.5758293, SE
 *   0.0776449, interval [0.0478188, 0.3521812]; one-sided p = 0.05 gives
 *   z 1.6448536, SE 0.1215914 (Python's statistics.NormalDist).
 * - before (6, 2, 2) vs after (10, 0, 0): the exact studentized mid-p of
 *   the permutation test, 0.0433436533, by enumerating every split of the
 *   pooled (16, 2, 2) into 10 + 10 in Python (math.comb weights, |z| of
 *   the Wald statistic, ties within 1e-9 counted one half); the
 *   adjusted-Wald interval by hand: (P + 0.75, A + 1.5, D + 0.75) / 13,
 *   after theta 10/13, V 0.2928994; before theta 4/13, V 0.6360947;
 *   difference 6/13 = 0.4615385, SE sqrt((V1 + V0) / 13) = 0.2673221,
 *   interval 0.4615385 -+ 1.959964 SE = [-0.0624, 0.9855].
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "nps/compare.h"
#include "nps_test.h"

static void add(nps_table *t, nps_counts c) {
  if (c.promoters)
    assert_int_equal(nps_table_add(t, "", 0, 9, c.promoters), NPS_OK);
  if (c.passives)
    assert_int_equal(nps_table_add(t, "", 0, 7, c.passives), NPS_OK);
  if (c.detractors)
    assert_int_equal(nps_table_add(t, "", 0, 3, c.detractors), NPS_OK);
}

static nps_compare *run(nps_counts before, nps_counts after,
                        const nps_compare_options *o) {
  nps_table *t[2] = {nps_table_new(0), nps_table_new(0)};
  add(t[0], before);
  add(t[1], after);
  nps_compare *c;
  assert_int_equal(nps_compare_run((const nps_table *const *)t, o, &c, NULL),
                   NPS_OK);
  nps_table_free(t[0]);
  nps_table_free(t[1]);
  return c;
}

static void test_test_based(void **state) {
  (void)state;
  nps_test2_result t;
  memset(&t, 0, sizeof t);
  t.alternative = NPS_ALT_TWO_SIDED;
  t.diff = 0.2;
  t.se = 0.123; /* the plug-in SE, used where z_p is undefined */
  t.p = 0.05;
  assert_double_near(nps_diff_ci_test_based_se(&t), 0.2 / 1.959964, 1e-6);
  nps_interval iv = nps_diff_ci_test_based(&t, 0.95);
  assert_double_near(iv.lo, 0.0, 1e-9);
  assert_double_near(iv.hi, 0.4, 1e-9);
  t.p = 0.01;
  iv = nps_diff_ci_test_based(&t, 0.95);
  assert_double_near(iv.lo, 0.0478188, 1e-6);
  assert_double_near(iv.hi, 0.3521812, 1e-6);
  t.diff = -0.2; /* the same, mirrored */
  iv = nps_diff_ci_test_based(&t, 0.95);
  assert_double_near(iv.lo, -0.3521812, 1e-6);
  assert_double_near(iv.hi, -0.0478188, 1e-6);
  t.diff = 0.2;
  t.alternative = NPS_ALT_GREATER;
  t.p = 0.05;
  assert_double_near(nps_diff_ci_test_based_se(&t), 0.1215914, 1e-6);
  /* undefined z_p: p = 1, p = 0, no difference, or a one-sided p on the
   * other side of the difference */
  t.alternative = NPS_ALT_TWO_SIDED;
  t.p = 1.0;
  assert_double_near(nps_diff_ci_test_based_se(&t), 0.123, 0.0);
  t.p = 0.0;
  assert_double_near(nps_diff_ci_test_based_se(&t), 0.123, 0.0);
  t.p = 0.3;
  t.diff = 0.0;
  assert_double_near(nps_diff_ci_test_based_se(&t), 0.123, 0.0);
  t.diff = 0.2;
  t.alternative = NPS_ALT_LESS;
  t.p = 0.3; /* z_p = +0.52 for "less", the difference is positive */
  assert_double_near(nps_diff_ci_test_based_se(&t), 0.123, 0.0);
}

/* The example where the permutation p (0.043) rejects and the
 * adjusted-Wald interval of the difference ([-6.2, 98.5]) contains 0: the
 * BCa interval, asked for, falls back to it with 10 answers a sample. */
static void test_borderline_example(void **state) {
  (void)state;
  nps_compare_options o;
  nps_compare_options_init(&o);
  o.min_n = 2;
  o.all_tests = 1;
  o.seed = 20240601;
  o.diff_ci = NPS_DIFF_CI_BCA;
  nps_compare *c = run((nps_counts){6, 2, 2}, (nps_counts){10, 0, 0}, &o);
  const nps_compare_row *r = nps_compare_overall(c);
  assert_double_near(r->diff, 0.6, 1e-12);
  assert_double_near(r->test.p, 0.0433436533, 1e-9);
  assert_int_equal(r->diff_ci.method_used, NPS_DIFF_CI_ADJUSTED_WALD);
  assert_double_near(r->diff_ci.centre, 6.0 / 13.0, 1e-12);
  assert_double_near(r->diff_ci.iv.lo, -0.0624, 1e-4);
  assert_double_near(r->diff_ci.iv.hi, 0.9855, 1e-4);
  assert_true(r->verdict.tested);
  assert_false(r->verdict.significant);
  assert_int_equal(r->verdict.conflict, NPS_CONFLICT_INTERVAL);
  assert_int_equal(r->verdict.direction, 1);
  nps_compare_free(c);
  /* the test's own interval (test-based for the permutation test) agrees
   * with its p by construction: significant, the interval above 0 */
  o.diff_ci = NPS_DIFF_CI_TEST;
  o.all_tests = 0;
  c = run((nps_counts){6, 2, 2}, (nps_counts){10, 0, 0}, &o);
  r = nps_compare_overall(c);
  assert_int_equal(r->verdict.conflict, NPS_CONFLICT_NONE);
  assert_true(r->verdict.significant);
  assert_true(r->diff_ci.iv.lo > 0.0);
  assert_double_near(r->diff_ci.centre, 0.6, 1e-12);
  nps_compare_free(c);
  /* with the other tests beside it (adjusted Wald p = 0.084 does not
   * reject) the same comparison is borderline through the tests */
  o.all_tests = 1;
  c = run((nps_counts){6, 2, 2}, (nps_counts){10, 0, 0}, &o);
  r = nps_compare_overall(c);
  assert_int_equal(r->verdict.conflict, NPS_CONFLICT_TESTS);
  assert_int_equal(r->verdict.other_test, NPS_TEST2_ADJUSTED_WALD);
  assert_true(r->verdict.other_p > 0.05);
  assert_false(r->verdict.significant);
  nps_compare_free(c);
  /* the default interval, MOVER from the Jeffreys intervals: limits from
   * tests/unit/scripts/diffci_reference.py (the {10,0,0} vs {6,2,2} case
   * of test_diffci.c), centred on the raw +60; it excludes 0 as the
   * permutation p does, and the adjusted-Wald test beside it does not
   * reject, so the verdict is still borderline, through the tests */
  nps_compare_options_init(&o);
  o.min_n = 2;
  o.all_tests = 1;
  o.seed = 20240601;
  c = run((nps_counts){6, 2, 2}, (nps_counts){10, 0, 0}, &o);
  r = nps_compare_overall(c);
  assert_int_equal(r->diff_ci.method_used, NPS_DIFF_CI_MOVER_BAYES);
  assert_double_near(r->diff_ci.centre, 0.6, 1e-12);
  assert_double_near(r->diff_ci.iv.lo, 0.015492586312664924, 1e-9);
  assert_double_near(r->diff_ci.iv.hi, 1.1418479528211014, 1e-9);
  assert_int_equal(r->verdict.conflict, NPS_CONFLICT_TESTS);
  assert_false(r->verdict.significant);
  nps_compare_free(c);
}

/* Whether the interval excludes 0 on the side of d. */
static int excludes(nps_interval iv, double d) {
  return (d > 0 && iv.lo > 0) || (d < 0 && iv.hi < 0);
}

/* Over random pairs of samples (n 20 to 300, NPS -60 to +80, some truly
 * apart) and three interval choices (the default MOVER, BCa and the
 * test's own), no verdict contradicts what is shown
 * with it: significant only when p, the interval and every other test
 * reject; not significant without a conflict only when none of them
 * does. Both outcomes and borderline ones occur: the check is not empty. */
static void test_coherence_grid(void **state) {
  (void)state;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 11);
  size_t sig = 0, plain = 0, borderline = 0;
  for (int trial = 0; trial < 160; trial++) {
    nps_counts g[2];
    double pp = 0.1 + 0.7 * gsl_rng_uniform(rng);
    double pd = (1.0 - pp) * gsl_rng_uniform(rng);
    for (int s = 0; s < 2; s++) {
      unsigned n = 20 + (unsigned)gsl_rng_uniform_int(rng, 281), k[3];
      double shift = s && trial % 2 ? 0.15 * gsl_rng_uniform(rng) : 0.0;
      double p1 = fmin(pp + shift, 0.95), d1 = fmax(pd - shift, 0.0);
      double probs[3] = {p1, fmax(1.0 - p1 - d1, 0.0), d1};
      gsl_ran_multinomial(rng, 3, n, probs, k);
      g[s] = (nps_counts){k[0], k[1], k[2]};
    }
    nps_compare_options o;
    nps_compare_options_init(&o);
    o.min_n = 2;
    o.all_tests = 1;
    o.replicates = 400;
    o.seed = (unsigned long)trial;
    o.diff_ci = trial % 4 == 3   ? NPS_DIFF_CI_TEST
                : trial % 4 == 1 ? NPS_DIFF_CI_BCA
                                 : NPS_DIFF_CI_DEFAULT;
    nps_compare *c = run(g[0], g[1], &o);
    const nps_compare_row *r = nps_compare_overall(c);
    const nps_verdict *v = &r->verdict;
    /* the library's alpha, 1 - level (a p of exactly 0.05 from 20 of 400
     * bootstrap replicates lies below it) */
    double alpha = 1.0 - o.level;
    int p_rejects = r->test.p < alpha;
    int ci_rejects = excludes(r->diff_ci.iv, r->diff);
    int all_reject = 1, none_reject = 1;
    for (size_t i = 0; i < c->n_tests; i++) {
      if (c->tests[i].status != NPS_OK || isnan(c->tests[i].res.p))
        continue;
      all_reject &= c->tests[i].res.p < alpha;
      none_reject &= !(c->tests[i].res.p < alpha);
    }
    if (v->significant) {
      assert_true(p_rejects && ci_rejects && all_reject);
      sig++;
    } else if (v->conflict == NPS_CONFLICT_NONE) {
      assert_true(!p_rejects && !ci_rejects && none_reject);
      plain++;
    } else {
      assert_true(p_rejects != ci_rejects || !(all_reject || none_reject));
      borderline++;
    }
    if (o.diff_ci == NPS_DIFF_CI_TEST)
      assert_int_not_equal(v->conflict, NPS_CONFLICT_INTERVAL);
    nps_compare_free(c);
  }
  assert_true(sig > 10 && plain > 10 && borderline > 0);
  gsl_rng_free(rng);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_test_based),
      cmocka_unit_test(test_borderline_example),
      cmocka_unit_test(test_coherence_grid),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
