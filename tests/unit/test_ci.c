/*
 * test_ci.c - nps_ci_compute: dispatch to each method, fallbacks, errors.
 */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "nps/boot.h"
#include "nps/ci.h"
#include "nps_test.h"

static gsl_rng *rng_seeded(unsigned long seed) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(r);
  gsl_rng_set(r, seed);
  return r;
}

static nps_status compute(const nps_counts *c, nps_ci_method m, double level,
                          size_t B, gsl_rng *r, nps_ci_result *out) {
  nps_ci_request req = {m, level, B, r, NULL};
  return nps_ci_compute(c, &req, out);
}

/* Each analytic method gives its own function's interval, clipped. */
static void test_dispatch_analytic(void **state) {
  (void)state;
  const nps_counts cases[] = {{5, 3, 2}, {45, 35, 20}, {1, 0, 1}, {9, 1, 0}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    const nps_counts *c = &cases[i];
    nps_interval want[4];
    assert_int_equal(nps_interval_wald(c, 0.9, &want[0]), NPS_OK);
    assert_int_equal(nps_interval_adjusted_wald(c, 0.9, &want[1], NULL),
                     NPS_OK);
    assert_int_equal(nps_interval_score(c, 0.9, &want[2]), NPS_OK);
    assert_int_equal(nps_interval_bayes(c, 0.9, 0.5, &want[3], NULL), NPS_OK);
    const nps_ci_method ms[] = {NPS_CI_WALD, NPS_CI_ADJUSTED_WALD, NPS_CI_SCORE,
                                NPS_CI_BAYES};
    for (int k = 0; k < 4; k++) {
      nps_ci_result res;
      assert_int_equal(compute(c, ms[k], 0.9, 0, NULL, &res), NPS_OK);
      nps_interval w = nps_interval_clip(want[k]);
      assert_double_near(res.iv.lo, w.lo, 0.0);
      assert_double_near(res.iv.hi, w.hi, 0.0);
      assert_int_equal(res.method_used, ms[k]);
      assert_null(res.note);
      assert_double_nan(res.boot_se);
    }
  }
}

/* Adjusted Wald limits past +-1 are clipped for display. */
static void test_clipped(void **state) {
  (void)state;
  nps_counts c = {10, 0, 0};
  nps_ci_result res;
  assert_int_equal(compute(&c, NPS_CI_ADJUSTED_WALD, 0.95, 0, NULL, &res),
                   NPS_OK);
  assert_double_near(res.iv.hi, 1.0, 0.0);
  assert_double_near(res.iv.lo, 0.4750355154,
                     1e-9); /* tests/data/nps_reference.json */
}

/* The bootstrap methods give nps_boot_ci's intervals for the same seed;
 * replicates = 0 means NPS_BOOT_DEFAULT_REPLICATES. */
static void test_dispatch_bootstrap(void **state) {
  (void)state;
  nps_counts c = {45, 35, 20};
  gsl_rng *r = rng_seeded(8);
  nps_boot_result br;
  assert_int_equal(
      nps_boot_ci(&c, NPS_BOOT_DEFAULT_REPLICATES, 0.95, r, NULL, &br), NPS_OK);
  nps_ci_result pc, bc;
  gsl_rng_set(r, 8);
  assert_int_equal(compute(&c, NPS_CI_PERCENTILE, 0.95, 0, r, &pc), NPS_OK);
  gsl_rng_set(r, 8);
  assert_int_equal(compute(&c, NPS_CI_BCA, 0.95, 0, r, &bc), NPS_OK);
  assert_double_near(pc.iv.lo, br.percentile.lo, 0.0);
  assert_double_near(pc.iv.hi, br.percentile.hi, 0.0);
  assert_double_near(bc.iv.lo, br.bca.lo, 0.0);
  assert_double_near(bc.iv.hi, br.bca.hi, 0.0);
  assert_double_near(bc.boot_se, br.se, 0.0);
  assert_int_equal(bc.method_used, NPS_CI_BCA);
  assert_null(bc.note);
  /* An explicit B is honoured. */
  gsl_rng_set(r, 8);
  assert_int_equal(nps_boot_ci(&c, 321, 0.8, r, NULL, &br), NPS_OK);
  gsl_rng_set(r, 8);
  assert_int_equal(compute(&c, NPS_CI_BCA, 0.8, 321, r, &bc), NPS_OK);
  assert_double_near(bc.iv.lo, br.bca.lo, 0.0);
  gsl_rng_free(r);
}

/* One-category samples: Wald and the bootstrap fall back to adjusted Wald
 * and say so; score and Bayes need no fallback. Every interval contains
 * its estimate: promoters only end at +1, detractors only start at -1
 * (the adjusted-Wald interval of (0, 0, 1) alone is [-0.985, 0.485]: by
 * hand, (0.75, 1.5, 1.75) / 4, theta -0.25, SE 0.375), all passives keep
 * the method's limits. */
static void test_degenerate_fallback(void **state) {
  (void)state;
  gsl_rng *r = rng_seeded(1);
  const nps_counts cases[] = {{120, 0, 0}, {0, 12, 0}, {0, 0, 1}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    const nps_counts *c = &cases[i];
    nps_interval aw;
    assert_int_equal(nps_interval_adjusted_wald(c, 0.95, &aw, NULL), NPS_OK);
    aw = nps_interval_clip(aw);
    double closed_lo = c->detractors ? -1.0 : aw.lo;
    double closed_hi = c->promoters ? 1.0 : aw.hi;
    const nps_ci_method fall[] = {NPS_CI_WALD, NPS_CI_PERCENTILE, NPS_CI_BCA};
    for (size_t k = 0; k < NPS_ARRAY_LEN(fall); k++) {
      nps_ci_result res;
      assert_int_equal(compute(c, fall[k], 0.95, 200, r, &res), NPS_OK);
      assert_int_equal(res.method_used, NPS_CI_FALLBACK);
      assert_non_null(res.note);
      assert_double_near(res.iv.lo, closed_lo, 0.0);
      assert_double_near(res.iv.hi, closed_hi, 0.0);
      assert_true(res.iv.lo < res.iv.hi);
    }
    const nps_ci_method keep[] = {NPS_CI_SCORE, NPS_CI_BAYES};
    for (size_t k = 0; k < NPS_ARRAY_LEN(keep); k++) {
      nps_ci_result res;
      assert_int_equal(compute(c, keep[k], 0.95, 0, NULL, &res), NPS_OK);
      assert_int_equal(res.method_used, keep[k]);
      assert_null(res.note);
      assert_true(res.iv.lo < res.iv.hi);
      if (c->promoters)
        assert_double_near(res.iv.hi, 1.0, 0.0);
      if (c->detractors)
        assert_double_near(res.iv.lo, -1.0, 0.0);
      if (c->passives) /* symmetric around 0 */
        assert_double_near(res.iv.lo, -res.iv.hi, 1e-12);
    }
  }
  gsl_rng_free(r);
}

/* Fewer than NPS_CI_BOOT_MIN_N answers: the bootstrap methods use the
 * fallback and say so; from NPS_CI_BOOT_MIN_N on they run. */
static void test_small_n_fallback(void **state) {
  (void)state;
  gsl_rng *r = rng_seeded(4);
  nps_counts small = {5, 3, 2}, edge = {9, 6, 4}, enough = {9, 6, 5};
  assert_true(nps_counts_total(&edge) == NPS_CI_BOOT_MIN_N - 1);
  assert_true(nps_counts_total(&enough) == NPS_CI_BOOT_MIN_N);
  const nps_counts *fall[] = {&small, &edge};
  for (size_t i = 0; i < NPS_ARRAY_LEN(fall); i++) {
    nps_interval aw;
    assert_int_equal(nps_interval_adjusted_wald(fall[i], 0.95, &aw, NULL),
                     NPS_OK);
    for (int m = NPS_CI_PERCENTILE; m <= NPS_CI_BCA; m++) {
      nps_ci_result res;
      assert_int_equal(compute(fall[i], (nps_ci_method)m, 0.95, 500, r, &res),
                       NPS_OK);
      assert_int_equal(res.method_used, NPS_CI_FALLBACK);
      assert_non_null(res.note);
      assert_double_near(res.iv.lo, nps_interval_clip(aw).lo, 0.0);
      assert_double_near(res.iv.hi, nps_interval_clip(aw).hi, 0.0);
      assert_double_nan(res.boot_se);
    }
  }
  nps_ci_result res;
  assert_int_equal(compute(&enough, NPS_CI_BCA, 0.95, 500, r, &res), NPS_OK);
  assert_int_equal(res.method_used, NPS_CI_BCA);
  assert_null(res.note);
  assert_false(isnan(res.boot_se));
  gsl_rng_free(r);
}

/* BCa with every replicate on one side of the estimate reports the
 * percentile interval instead. With B = 2 that happens often. */
static void test_bca_one_sided_fallback(void **state) {
  (void)state;
  gsl_rng *r = rng_seeded(2);
  nps_counts c = {10, 0, 10};
  int seen = 0;
  for (int k = 0; k < 100 && !seen; k++) {
    nps_ci_result res;
    assert_int_equal(compute(&c, NPS_CI_BCA, 0.9, 2, r, &res), NPS_OK);
    if (res.method_used == NPS_CI_PERCENTILE) {
      seen = 1;
      assert_non_null(res.note);
    }
  }
  assert_true(seen);
  gsl_rng_free(r);
}

/* The default method is a valid method name. */
static void test_default(void **state) {
  (void)state;
  nps_ci_method m;
  assert_int_equal(nps_ci_method_parse(nps_ci_method_name(NPS_CI_DEFAULT), &m),
                   NPS_OK);
  assert_int_equal(m, NPS_CI_DEFAULT);
}

static void test_errors(void **state) {
  (void)state;
  nps_counts c = {25, 3, 2}, empty = {0, 0, 0};
  nps_ci_result res;
  gsl_rng *r = rng_seeded(3);
  for (int m = NPS_CI_WALD; m <= NPS_CI_BCA; m++) {
    assert_int_equal(compute(&empty, (nps_ci_method)m, 0.95, 0, r, &res),
                     NPS_EEMPTY);
    assert_double_nan(res.iv.lo);
    assert_double_nan(res.iv.hi);
    assert_int_equal(compute(&c, (nps_ci_method)m, 1.0, 0, r, &res),
                     NPS_EINVAL);
    assert_int_equal(compute(&c, (nps_ci_method)m, 0.0, 0, r, &res),
                     NPS_EINVAL);
  }
  /* The bootstrap needs a generator; B = 1 is not a bootstrap. */
  assert_int_equal(compute(&c, NPS_CI_BCA, 0.95, 0, NULL, &res), NPS_EINVAL);
  assert_int_equal(compute(&c, NPS_CI_PERCENTILE, 0.95, 0, NULL, &res),
                   NPS_EINVAL);
  assert_int_equal(compute(&c, NPS_CI_BCA, 0.95, 1, r, &res), NPS_EINVAL);
  assert_int_equal(compute(&c, (nps_ci_method)99, 0.95, 0, r, &res),
                   NPS_EINVAL);
  gsl_rng_free(r);
}

int main(void) {
  gsl_set_error_handler_off();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dispatch_analytic),
      cmocka_unit_test(test_clipped),
      cmocka_unit_test(test_dispatch_bootstrap),
      cmocka_unit_test(test_degenerate_fallback),
      cmocka_unit_test(test_small_n_fallback),
      cmocka_unit_test(test_bca_one_sided_fallback),
      cmocka_unit_test(test_default),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
