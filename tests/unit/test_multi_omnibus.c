/*
 * test_multi_omnibus.c - omnibus tests of k groups: the Wald chi-square
 * of the NPS, Pearson's chi-square of the categories, and the Monte Carlo
 * permutation p of W.
 *
 * Expected values: tests/unit/scripts/omnibus_reference.py (numpy/scipy,
 * exact enumeration for the permutation p), run as
 *   /usr/bin/python3 tests/unit/scripts/omnibus_reference.py
 * and the two-group case against tests/data/nps_reference.json (W = z^2
 * of the two-sample Wald test, so its p is that test's p).
 */
#include <math.h>

#include <gsl/gsl_rng.h>

#include "nps/multi.h"
#include "nps_test.h"

typedef struct omni_ref {
  nps_counts g[3];
  size_t k;
  double w, theta_w, w_p, chisq, chisq_df, chisq_p, min_e;
  size_t adjusted;
} omni_ref;

static const omni_ref refs[] = {
    {{{50, 30, 20}, {40, 30, 30}, {30, 20, 50}},
     3,
     18.29796294981901,
     0.08481794307615871,
     0.00010632804539523286,
     21.5,
     4,
     0.00025198354771992253,
     26.666666666666668,
     0},
    /* two groups: W = z^2 of the two-sample Wald test, whose p is
     * 0.0093692276 in tests/data/nps_reference.json */
    {{{120, 50, 30}, {95, 60, 45}},
     2,
     6.751054852320676,
     0.3575949367088608,
     0.009369227633886057,
     6.8160676532769555,
     2,
     0.033106229011735315,
     37.5,
     0},
    /* a group with every answer a promoter takes the adjusted variance */
    {{{10, 0, 0}, {6, 2, 2}, {3, 3, 4}},
     3,
     13.186749192327788,
     0.6060168553964178,
     0.0013694109485520817,
     10.694736842105263,
     4,
     0.030217679380818957,
     1.6666666666666667,
     1},
};

static void test_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
    const omni_ref *f = &refs[i];
    nps_omnibus o;
    assert_int_equal(nps_multi_omnibus(f->g, f->k, 0, NULL, &o), NPS_OK);
    assert_int_equal(o.k, f->k);
    assert_double_near(o.w, f->w, 1e-10 * f->w);
    assert_double_near(o.w_df, (double)(f->k - 1), 0.0);
    assert_double_near(o.theta_w, f->theta_w, 1e-12);
    assert_double_near(o.w_p, f->w_p, 1e-9 * f->w_p);
    assert_double_near(o.chisq, f->chisq, 1e-10 * f->chisq);
    assert_double_near(o.chisq_df, f->chisq_df, 0.0);
    assert_double_near(o.chisq_p, f->chisq_p, 1e-9 * f->chisq_p);
    assert_double_near(o.min_expected, f->min_e, 1e-12);
    assert_int_equal(o.adjusted, f->adjusted);
    assert_double_nan(o.perm_p);
    assert_null(o.note);
  }
  /* the two-group W p equals the two-sample Wald p of the reference file */
  assert_double_near(refs[1].w_p, 0.0093692276, 1e-10);
}

/* Monte Carlo p against the exact permutation p 0.02814645671788531 of
 * the script's enumeration: the draws stop at the 200th reach, about 7100
 * draws (Monte Carlo sd about 0.002); the tolerance is 5 reported
 * standard errors. */
static void test_permutation(void **state) {
  (void)state;
  const nps_counts g[3] = {{4, 1, 0}, {1, 2, 2}, {0, 2, 3}};
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20261203);
  nps_omnibus o;
  assert_int_equal(nps_multi_omnibus(g, 3, 40000, r, &o), NPS_OK);
  assert_double_near(o.w, 25.97560975609757, 1e-10);
  assert_true(o.perm_draws > 4000 && o.perm_draws < 40000);
  assert_double_near(o.perm_p, 200.0 / (double)o.perm_draws, 1e-15);
  assert_double_near(o.perm_mc_se,
                     sqrt(o.perm_p * (1 - o.perm_p) / (double)o.perm_draws),
                     1e-15);
  assert_double_near(o.perm_p, 0.02814645671788531, 5 * o.perm_mc_se);
  /* the same seed gives the same p */
  nps_omnibus again;
  gsl_rng_set(r, 20261203);
  assert_int_equal(nps_multi_omnibus(g, 3, 40000, r, &again), NPS_OK);
  assert_double_near(again.perm_p, o.perm_p, 0.0);
  gsl_rng_free(r);
}

static void test_edges(void **state) {
  (void)state;
  nps_omnibus o;
  /* empty groups are left out; one group left: nothing to compare */
  const nps_counts one[3] = {{5, 3, 2}, {0, 0, 0}, {0, 0, 0}};
  assert_int_equal(nps_multi_omnibus(one, 3, 0, NULL, &o), NPS_OK);
  assert_int_equal(o.k, 1);
  assert_double_nan(o.w);
  assert_double_nan(o.chisq_p);
  assert_non_null(o.note);
  assert_int_equal(nps_multi_omnibus(one, 0, 0, NULL, &o), NPS_OK);
  assert_int_equal(o.k, 0);
  /* an empty group between two others changes nothing */
  const nps_counts gap[3] = {{120, 50, 30}, {0, 0, 0}, {95, 60, 45}};
  assert_int_equal(nps_multi_omnibus(gap, 3, 0, NULL, &o), NPS_OK);
  assert_int_equal(o.k, 2);
  assert_double_near(o.w, refs[1].w, 1e-10 * refs[1].w);
  /* equal groups: W = 0, p = 1 (chi-square upper tail at 0) */
  const nps_counts same[2] = {{5, 3, 2}, {10, 6, 4}};
  assert_int_equal(nps_multi_omnibus(same, 2, 0, NULL, &o), NPS_OK);
  assert_double_near(o.w, 0.0, 1e-15);
  assert_double_near(o.w_p, 1.0, 1e-15);
  /* every answer a promoter everywhere: W = 0 (adjusted variances), no
   * Pearson test (one category: df 0) */
  const nps_counts flat[2] = {{7, 0, 0}, {3, 0, 0}};
  assert_int_equal(nps_multi_omnibus(flat, 2, 0, NULL, &o), NPS_OK);
  assert_int_equal(o.adjusted, 2);
  assert_double_near(o.w, 0.0, 0.0);
  assert_double_nan(o.chisq_p);
  assert_double_near(o.chisq_df, 0.0, 0.0);
  /* draws without a generator; overflow */
  assert_int_equal(nps_multi_omnibus(same, 2, 10, NULL, &o), NPS_EINVAL);
  const nps_counts huge[2] = {{UINT64_MAX, 0, 0}, {1, 0, 0}};
  assert_int_equal(nps_multi_omnibus(huge, 2, 0, NULL, &o), NPS_EOVERFLOW);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reference),
      cmocka_unit_test(test_permutation),
      cmocka_unit_test(test_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
