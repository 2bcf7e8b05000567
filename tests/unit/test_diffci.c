/*
 * test_diffci.c - the interval of a difference between two independent
 * NPS (nps_diff_ci_compute): Wald, the two MOVER intervals, the
 * studentized bootstrap, the fallbacks and the requests it refuses.
 *
 * Expected values:
 *  - Wald: tests/data/nps_reference.json, two_sample (numpy/scipy, checked
 *    against the R package NPS; 10 decimals).
 *  - MOVER and bootstrap-t: tests/unit/scripts/diffci_reference.py, run with
 *    Debian's /usr/bin/python3 and python3-scipy 1.10.1, written from the
 *    formulas in docs/methods.md, not from the C code: Jeffreys limits by
 *    scipy quadrature of the Dirichlet CDF (within Monte Carlo error of 4e6
 *    numpy Dirichlet draws), Tango score limits by brentq, and the exact
 *    bootstrap distribution of t* by enumerating every pair of multinomial
 *    replicates. The script prints 16-17 digits; the tolerances below are
 *    the quadrature and root-finding error (1e-9), or for Monte Carlo
 *    bootstrap-t limits the range between the exact t* quantiles at
 *    alpha/2 +- 0.002 (about 6 Monte Carlo standard errors at B = 200000).
 */
#include <math.h>

#include <gsl/gsl_rng.h>

#include "nps/diffci.h"
#include "nps_test.h"

/* The public enum keeps its original numbers; new methods come after
 * PAIRED and NONE stays last. */
_Static_assert(NPS_DIFF_CI_BCA == 0 && NPS_DIFF_CI_PERCENTILE == 1 &&
                   NPS_DIFF_CI_ADJUSTED_WALD == 2 && NPS_DIFF_CI_TEST == 3 &&
                   NPS_DIFF_CI_PAIRED == 4,
               "existing nps_diff_ci_method values changed");
_Static_assert(NPS_DIFF_CI_BOOT_T + 1 == NPS_DIFF_CI_NONE,
               "NPS_DIFF_CI_NONE must stay last");

static nps_diff_ci_request request(nps_diff_ci_method m) {
  return (nps_diff_ci_request){m, NPS_ALT_TWO_SIDED, 0.95, 0, NULL, NULL};
}

static nps_diff_ci_result run(nps_counts g1, nps_counts g2,
                              const nps_diff_ci_request *req) {
  nps_diff_ci_result r;
  assert_int_equal(nps_diff_ci_compute(&g1, &g2, req, &r), NPS_OK);
  return r;
}

static void test_wald(void **state) {
  (void)state;
  nps_diff_ci_request req = request(NPS_DIFF_CI_WALD);
  nps_diff_ci_result r =
      run((nps_counts){50, 30, 20}, (nps_counts){40, 30, 30}, &req);
  assert_int_equal(r.method_used, NPS_DIFF_CI_WALD);
  assert_null(r.note);
  assert_double_near(r.iv.lo, -0.0234702769, 1e-9);
  assert_double_near(r.iv.hi, 0.4234702769, 1e-9);
  assert_double_near(r.centre, 0.2, 1e-15);
}

static void test_wald_without_spread(void **state) {
  (void)state;
  nps_diff_ci_request req = request(NPS_DIFF_CI_WALD);
  nps_counts g1 = {10, 0, 0}, g2 = {0, 0, 5};
  nps_diff_ci_result r = run(g1, g2, &req);
  nps_test2_result a;
  assert_int_equal(
      nps_test2_adjusted_wald(&g1, &g2, NPS_ALT_TWO_SIDED, 0.95, &a), NPS_OK);
  assert_int_equal(r.method_used, NPS_DIFF_CI_ADJUSTED_WALD);
  assert_non_null(r.note);
  assert_double_near(r.iv.lo, a.ci.lo, 0.0);
  assert_double_near(r.iv.hi, a.ci.hi, 0.0);
  assert_true(r.iv.lo < r.iv.hi);
}

typedef struct mover_case {
  nps_counts g1, g2;
  double bayes_lo, bayes_hi, score_lo, score_hi;
} mover_case;

/* diffci_reference.py, "mover-bayes" and "mover-score". The third case
 * has an all-promoter sample, whose Jeffreys interval (0.5297, 0.9966)
 * stops short of t = 1 and is widened to reach it. */
static const mover_case movers[] = {
    {{50, 30, 20},
     {40, 30, 30},
     -0.02452987561010228,
     0.41703394866945476,
     -0.025286543578871667,
     0.4178636663451156},
    {{6, 2, 2},
     {30, 40, 30},
     -0.16222226334693324,
     0.778047155523752,
     -0.17311110721993617,
     0.7835120579759531},
    {{10, 0, 0},
     {6, 2, 2},
     0.015492586312664924,
     1.1418479528211014,
     -0.057598518948956734,
     1.1529130444571132},
    {{30, 40, 30},
     {2, 16, 2},
     -0.253974390114119,
     0.2539743901141207,
     -0.2752046353981491,
     0.2752046353981491},
};

static void test_mover(void **state) {
  (void)state;
  nps_diff_ci_request bayes = request(NPS_DIFF_CI_MOVER_BAYES);
  nps_diff_ci_request score = request(NPS_DIFF_CI_MOVER_SCORE);
  for (size_t i = 0; i < NPS_ARRAY_LEN(movers); i++) {
    const mover_case *c = &movers[i];
    nps_diff_ci_result b = run(c->g1, c->g2, &bayes);
    nps_diff_ci_result s = run(c->g1, c->g2, &score);
    assert_int_equal(b.method_used, NPS_DIFF_CI_MOVER_BAYES);
    assert_int_equal(s.method_used, NPS_DIFF_CI_MOVER_SCORE);
    assert_double_near(b.iv.lo, c->bayes_lo, 1e-9);
    assert_double_near(b.iv.hi, c->bayes_hi, 1e-9);
    assert_double_near(s.iv.lo, c->score_lo, 1e-9);
    assert_double_near(s.iv.hi, c->score_hi, 1e-9);
    double d = (double)((int64_t)c->g1.promoters - (int64_t)c->g1.detractors) /
                   (double)nps_counts_total(&c->g1) -
               (double)((int64_t)c->g2.promoters - (int64_t)c->g2.detractors) /
                   (double)nps_counts_total(&c->g2);
    assert_double_near(b.centre, d, 1e-15);
    assert_double_near(s.centre, d, 1e-15);
  }
}

/* Swapping the samples mirrors a MOVER interval. */
static void test_mover_mirror(void **state) {
  (void)state;
  nps_diff_ci_request req = request(NPS_DIFF_CI_MOVER_BAYES);
  nps_diff_ci_result a = run(movers[1].g1, movers[1].g2, &req);
  nps_diff_ci_result b = run(movers[1].g2, movers[1].g1, &req);
  assert_double_near(a.iv.lo, -b.iv.hi, 1e-15);
  assert_double_near(a.iv.hi, -b.iv.lo, 1e-15);
}

typedef struct boot_t_case {
  nps_counts g1, g2;
  double lo_min, lo_max, hi_min, hi_max;
} boot_t_case;

/* diffci_reference.py, "boot-t": limits from the exact t* quantiles at
 * alpha/2 -+ 0.002 and 1 - alpha/2 -+ 0.002. The exact-quantile
 * intervals are (-0.08396, 0.92203) and (-0.23984, 0.59121). */
static const boot_t_case boot_ts[] = {
    {{12, 5, 3},
     {6, 8, 6},
     -0.08898639047188533,
     -0.06680800810486937,
     0.9149268509606756,
     0.9318572971841492},
    {{9, 6, 5},
     {25, 50, 25},
     -0.24918255246183807,
     -0.23138650512936515,
     0.5840932914382708,
     0.5989515054050845},
};

static void test_boot_t(void **state) {
  (void)state;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(r);
  gsl_rng_set(r, 20240701);
  nps_diff_ci_request req = request(NPS_DIFF_CI_BOOT_T);
  req.rng = r;
  req.replicates = 200000;
  for (size_t i = 0; i < NPS_ARRAY_LEN(boot_ts); i++) {
    const boot_t_case *c = &boot_ts[i];
    nps_diff_ci_result b = run(c->g1, c->g2, &req);
    assert_int_equal(b.method_used, NPS_DIFF_CI_BOOT_T);
    assert_null(b.note);
    assert_true(b.iv.lo >= c->lo_min && b.iv.lo <= c->lo_max);
    assert_true(b.iv.hi >= c->hi_min && b.iv.hi <= c->hi_max);
  }
  gsl_rng_free(r);
}

/* (19, 1, 0) against (20, 0, 0): 35.8% of replicates have both samples
 * all promoters, se* = 0 and Delta* = 0 > Delta = -0.05, so t* = +inf
 * and the lower limit is -2. The 2.5% quantile of t* is the atom of 17
 * promoters, t* = -1.25244858217 (cumulative probability 0.0185-0.0784,
 * 0.009 from 0.025 at least), so the upper limit is exact
 * (diffci_reference.py). */
static void test_boot_t_infinite(void **state) {
  (void)state;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(r);
  gsl_rng_set(r, 7);
  nps_diff_ci_request req = request(NPS_DIFF_CI_BOOT_T);
  req.rng = r;
  req.replicates = 200000;
  nps_diff_ci_result b =
      run((nps_counts){19, 1, 0}, (nps_counts){20, 0, 0}, &req);
  assert_int_equal(b.method_used, NPS_DIFF_CI_BOOT_T);
  assert_double_near(b.iv.lo, -2.0, 0.0);
  assert_double_near(b.iv.hi, 0.011036793789292752, 1e-12);
  assert_double_near(b.centre, -0.05, 1e-15);
  gsl_rng_free(r);
}

static void test_boot_t_fallbacks(void **state) {
  (void)state;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(r);
  nps_diff_ci_request req = request(NPS_DIFF_CI_BOOT_T);
  req.rng = r;
  req.replicates = 100;
  nps_diff_ci_result b =
      run((nps_counts){6, 2, 2}, (nps_counts){30, 40, 30}, &req);
  assert_int_equal(b.method_used, NPS_DIFF_CI_ADJUSTED_WALD);
  assert_non_null(b.note);
  b = run((nps_counts){20, 0, 0}, (nps_counts){0, 25, 0}, &req);
  assert_int_equal(b.method_used, NPS_DIFF_CI_ADJUSTED_WALD);
  assert_non_null(b.note);
  gsl_rng_free(r);
}

static void test_refused(void **state) {
  (void)state;
  nps_counts g1 = {50, 30, 20}, g2 = {40, 30, 30}, empty = {0, 0, 0};
  nps_diff_ci_result out;
  const nps_diff_ci_method never[] = {NPS_DIFF_CI_TEST, NPS_DIFF_CI_PAIRED,
                                      NPS_DIFF_CI_NONE};
  for (size_t i = 0; i < NPS_ARRAY_LEN(never); i++) {
    nps_diff_ci_request req = request(never[i]);
    assert_int_equal(nps_diff_ci_compute(&g1, &g2, &req, &out), NPS_EINVAL);
    assert_double_nan(out.iv.lo);
  }
  nps_diff_ci_request req = request(NPS_DIFF_CI_BOOT_T); /* no rng */
  assert_int_equal(nps_diff_ci_compute(&g1, &g2, &req, &out), NPS_EINVAL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(r);
  req.rng = r;
  req.replicates = 1;
  assert_int_equal(nps_diff_ci_compute(&g1, &g2, &req, &out), NPS_EINVAL);
  gsl_rng_free(r);
  req = request(NPS_DIFF_CI_MOVER_SCORE);
  req.level = 1.0;
  assert_int_equal(nps_diff_ci_compute(&g1, &g2, &req, &out), NPS_EINVAL);
  req.level = 0.95;
  assert_int_equal(nps_diff_ci_compute(&g1, &empty, &req, &out), NPS_EEMPTY);
  req = request(NPS_DIFF_CI_WALD);
  assert_int_equal(nps_diff_ci_compute(&empty, &g2, &req, &out), NPS_EEMPTY);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wald),
      cmocka_unit_test(test_wald_without_spread),
      cmocka_unit_test(test_mover),
      cmocka_unit_test(test_mover_mirror),
      cmocka_unit_test(test_boot_t),
      cmocka_unit_test(test_boot_t_infinite),
      cmocka_unit_test(test_boot_t_fallbacks),
      cmocka_unit_test(test_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
