/*
 * test_interval.c - analytic intervals against independently computed
 * reference values, plus the edge cases each method must survive.
 */
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "nps/interval.h"
#include "nps_test.h"

/* Reference values: tests/data/nps_reference.json, computed independently with
 * numpy/scipy and the R package NPS (95% level, NPS on -1..1). The JSON
 * gives 10 significant digits. */
typedef struct ref_case {
  uint64_t p, a, d;
  double nps, var, se;
  nps_interval wald;
  double aw_center, aw_se;
  nps_interval aw;
  nps_interval score;
  double bayes_mean;
  nps_interval bayes;
} ref_case;

/* clang-format off */
static const ref_case refs[] = {
  /* P, A, D, nps, var, se, wald,
     aw centre, aw se, aw interval,
     score, bayes mean, bayes interval */
    {5, 3, 2, 0.3, 0.61, 0.2469817807, {-0.184075395, 0.784075395},
     0.2307692308, 0.2149403703, {-0.1905061538, 0.6520446153},
     {-0.2165921975, 0.675277888}, 0.2608695652, {-0.2044931055, 0.6658994285}},
    {10, 0, 0, 1, 0, 0, {1, 1},
     0.7692307692, 0.1501023774, {0.4750355154, 1.063426023},
     {0.4449344003, 1}, 0.8695652174, {0.5296555153, 0.9965917571}},
    {0, 0, 10, -1, 0, 0, {-1, -1},
     -0.7692307692, 0.1501023774, {-1.063426023, -0.4750355154},
     {-1, -0.4449344003}, -0.8695652174, {-0.9965917571, -0.5296555153}},
    {0, 10, 0, 0, 0, 0, {0, 0},
     0, 0.094211144, {-0.1846504491, 0.1846504491},
     {-0.2775327999, 0.2775327999}, 0, {-0.1838944856, 0.1838944856}},
    {5, 0, 5, 0, 1, 0.316227766, {-0.6197950323, 0.6197950323},
     0, 0.2608588455, {-0.5112739422, 0.5112739422},
     {-0.526813819, 0.526813819}, 0, {-0.5311951729, 0.5311951729}},
    {1, 0, 0, 1, 0, 0, {1, 1},
     0.25, 0.375, {-0.4849864942, 0.9849864942},
     {-0.5869013712, 1}, 0.4, {-0.5864062857, 0.9763243426}},
    {45, 35, 20, 0.25, 0.5875, 0.0766485486, {0.0997716053, 0.4002283947},
     0.2427184466, 0.0754738316, {0.0947924549, 0.3906444383},
     {0.0940820405, 0.3925989576}, 0.2463054187, {0.0946030769, 0.3916238225}},
    {500, 300, 200, 0.3, 0.61, 0.0246981781, {0.2515924605, 0.3484075395},
     0.2991026919, 0.0246599884, {0.2507700027, 0.3474353811},
     {0.2507610899, 0.3475040009}, 0.299550674, {0.2507741767, 0.34747348}},
    {990, 10, 0, 0.99, 0.0099, 0.0031464265, {0.9838331173, 0.9961668827},
     0.9870388833, 0.0037743744, {0.9796412455, 0.9944365212},
     {0.9816905311, 0.9945592456}, 0.9885172242, {0.9806479862, 0.994297286}},
};
/* clang-format on */

/* Values in the JSON carry 10 significant digits. */
#define REF_TOL 1e-8
#define Z95     1.959963984540054

static nps_counts counts(uint64_t p, uint64_t a, uint64_t d) {
  return (nps_counts){p, a, d};
}

static void test_method_names(void **state) {
  (void)state;
  const char *names[] = {"wald",  "adjusted-wald", "score",
                         "bayes", "percentile",    "bca"};
  for (size_t i = 0; i < NPS_ARRAY_LEN(names); i++) {
    nps_ci_method m;
    assert_int_equal(nps_ci_method_parse(names[i], &m), NPS_OK);
    assert_string_equal(nps_ci_method_name(m), names[i]);
    assert_non_null(nps_ci_method_label(m));
  }
  nps_ci_method m;
  assert_int_equal(nps_ci_method_parse("BCa", &m), NPS_EINVAL);
  assert_int_equal(nps_ci_method_parse("", &m), NPS_EINVAL);
  assert_int_equal(nps_ci_method_parse(NULL, &m), NPS_EINVAL);
}

static void test_z(void **state) {
  (void)state;
  assert_double_near(nps_z_for_level(0.95), Z95, 1e-14);
  assert_double_near(nps_z_for_level(0.90), 1.6448536269514722, 1e-13);
  assert_double_near(nps_z_for_level(0.99), 2.5758293035489004, 1e-13);
}

static void test_wald_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref_case *r = &refs[i];
    nps_counts c = counts(r->p, r->a, r->d);
    nps_interval iv;
    assert_int_equal(nps_interval_wald(&c, 0.95, &iv), NPS_OK);
    assert_double_near(iv.lo, r->wald.lo, REF_TOL);
    assert_double_near(iv.hi, r->wald.hi, REF_TOL);
  }
}

static void test_adjusted_wald_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref_case *r = &refs[i];
    nps_counts c = counts(r->p, r->a, r->d);
    nps_interval iv;
    double center = NAN;
    assert_int_equal(nps_interval_adjusted_wald(&c, 0.95, &iv, &center),
                     NPS_OK);
    assert_double_near(center, r->aw_center, REF_TOL);
    assert_double_near((iv.hi - iv.lo) / (2.0 * Z95), r->aw_se, REF_TOL);
    assert_double_near(iv.lo, r->aw.lo, REF_TOL); /* unclipped */
    assert_double_near(iv.hi, r->aw.hi, REF_TOL);
  }
}

static void test_score_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref_case *r = &refs[i];
    nps_counts c = counts(r->p, r->a, r->d);
    nps_interval iv;
    assert_int_equal(nps_interval_score(&c, 0.95, &iv), NPS_OK);
    assert_double_near(iv.lo, r->score.lo, REF_TOL);
    assert_double_near(iv.hi, r->score.hi, REF_TOL);
  }
}

static void test_bayes_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref_case *r = &refs[i];
    nps_counts c = counts(r->p, r->a, r->d);
    nps_interval iv;
    double mean = NAN;
    assert_int_equal(nps_interval_bayes(&c, 0.95, 0.5, &iv, &mean), NPS_OK);
    assert_double_near(mean, r->bayes_mean, REF_TOL);
    assert_double_near(iv.lo, r->bayes.lo, REF_TOL);
    assert_double_near(iv.hi, r->bayes.hi, REF_TOL);
  }
}

static void test_bad_arguments(void **state) {
  (void)state;
  nps_counts c = counts(5, 3, 2), empty = counts(0, 0, 0);
  nps_interval iv;
  const double bad_levels[] = {0.0, 1.0, -0.5, 1.5, NAN};
  for (size_t i = 0; i < NPS_ARRAY_LEN(bad_levels); i++) {
    double lv = bad_levels[i];
    assert_int_equal(nps_interval_wald(&c, lv, &iv), NPS_EINVAL);
    assert_int_equal(nps_interval_adjusted_wald(&c, lv, &iv, NULL), NPS_EINVAL);
    assert_int_equal(nps_interval_score(&c, lv, &iv), NPS_EINVAL);
    assert_int_equal(nps_interval_bayes(&c, lv, 0.5, &iv, NULL), NPS_EINVAL);
  }
  assert_int_equal(nps_interval_wald(&empty, 0.95, &iv), NPS_EEMPTY);
  assert_int_equal(nps_interval_score(&empty, 0.95, &iv), NPS_EEMPTY);
  assert_double_nan(iv.lo);
  const double bad_priors[] = {-0.5, NAN, INFINITY};
  for (size_t i = 0; i < NPS_ARRAY_LEN(bad_priors); i++)
    assert_int_equal(nps_interval_bayes(&c, 0.95, bad_priors[i], &iv, NULL),
                     NPS_EINVAL);
  /* No data and no prior: no posterior. */
  assert_int_equal(nps_interval_bayes(&empty, 0.95, 0.0, &iv, NULL),
                   NPS_EEMPTY);
}

/* n = 0: adjusted Wald uses the pseudo-counts alone; Bayes the prior. */
static void test_empty_sample(void **state) {
  (void)state;
  nps_counts c = counts(0, 0, 0);
  nps_interval iv;
  double center = NAN, mean = NAN;
  assert_int_equal(nps_interval_adjusted_wald(&c, 0.95, &iv, &center), NPS_OK);
  assert_double_near(center, 0.0, 0.0);
  /* V = 0.5 per respondent over 3 pseudo-respondents. */
  assert_double_near(iv.hi, Z95 * sqrt(0.5 / 3.0), 1e-12);
  assert_int_equal(nps_interval_bayes(&c, 0.95, 0.5, &iv, &mean), NPS_OK);
  assert_double_near(mean, 0.0, 0.0);
  assert_double_near(iv.lo, -iv.hi, 1e-9);
  assert_true(iv.hi > 0.8 && iv.hi < 1.0);
  /* Uniform prior, no data: Dirichlet(1, 1, 1), symmetric about 0. */
  assert_int_equal(nps_interval_bayes(&c, 0.95, 1.0, &iv, &mean), NPS_OK);
  assert_double_near(iv.lo, -iv.hi, 1e-9);
  assert_true(iv.hi > 0.5 && iv.hi < 1.0);
}

/* With prior 0 an empty category drops out and theta is a Beta variable:
 * the limits are Beta quantiles that GSL computes independently. */
static void test_bayes_zero_prior(void **state) {
  (void)state;
  nps_interval iv;
  double mean;
  nps_counts no_pass = counts(3, 0, 2); /* theta = 2U - 1, U ~ Beta(3, 2) */
  assert_int_equal(nps_interval_bayes(&no_pass, 0.95, 0.0, &iv, &mean), NPS_OK);
  assert_double_near(iv.lo, 2.0 * gsl_cdf_beta_Pinv(0.025, 3, 2) - 1.0, 1e-9);
  assert_double_near(iv.hi, 2.0 * gsl_cdf_beta_Pinv(0.975, 3, 2) - 1.0, 1e-9);
  assert_double_near(mean, 0.2, 1e-15);
  nps_counts no_detr = counts(3, 2, 0); /* theta = pP ~ Beta(3, 2) */
  assert_int_equal(nps_interval_bayes(&no_detr, 0.9, 0.0, &iv, NULL), NPS_OK);
  assert_double_near(iv.lo, gsl_cdf_beta_Pinv(0.05, 3, 2), 1e-9);
  assert_double_near(iv.hi, gsl_cdf_beta_Pinv(0.95, 3, 2), 1e-9);
  nps_counts no_prom = counts(0, 2, 3); /* theta = -pD, pD ~ Beta(3, 2) */
  assert_int_equal(nps_interval_bayes(&no_prom, 0.95, 0.0, &iv, NULL), NPS_OK);
  assert_double_near(iv.lo, -gsl_cdf_beta_Pinv(0.975, 3, 2), 1e-9);
  assert_double_near(iv.hi, -gsl_cdf_beta_Pinv(0.025, 3, 2), 1e-9);
  nps_counts one = counts(0, 7, 0); /* a point mass at 0 */
  assert_int_equal(nps_interval_bayes(&one, 0.95, 0.0, &iv, &mean), NPS_OK);
  assert_double_near(iv.lo, 0.0, 0.0);
  assert_double_near(iv.hi, 0.0, 0.0);
}

/* The Bayes interval against quantiles of direct Dirichlet draws (a
 * check independent of the quadrature). 2e5 draws: the Monte Carlo error
 * of a 2.5% quantile is below 0.01 posterior sd; the tolerance is 0.05. */
static void test_bayes_monte_carlo(void **state) {
  (void)state;
  const uint64_t cases[][3] = {
      {3, 1, 0}, {2, 0, 7}, {7, 3000, 1}, {3000000, 1, 2}};
  const size_t draws = 200000;
  double *x = malloc(draws * sizeof *x);
  assert_non_null(x);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20240601);
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = counts(cases[i][0], cases[i][1], cases[i][2]);
    double alpha[3] = {(double)c.promoters + 0.5, (double)c.passives + 0.5,
                       (double)c.detractors + 0.5};
    for (size_t k = 0; k < draws; k++) {
      double th[3];
      gsl_ran_dirichlet(r, 3, alpha, th);
      x[k] = th[0] - th[2];
    }
    gsl_sort(x, 1, draws);
    double sum = 0.0, ss = 0.0;
    for (size_t k = 0; k < draws; k++)
      sum += x[k];
    for (size_t k = 0; k < draws; k++)
      ss += (x[k] - sum / (double)draws) * (x[k] - sum / (double)draws);
    double sd = sqrt(ss / (double)draws);
    nps_interval iv;
    assert_int_equal(nps_interval_bayes(&c, 0.95, 0.5, &iv, NULL), NPS_OK);
    assert_double_near(iv.lo, x[(size_t)(0.025 * (double)draws)], 0.05 * sd);
    assert_double_near(iv.hi, x[(size_t)(0.975 * (double)draws)], 0.05 * sd);
  }
  gsl_rng_free(r);
  free(x);
}

/* Mirroring promoters and detractors mirrors every interval. */
static void test_symmetry(void **state) {
  (void)state;
  const uint64_t cases[][3] = {
      {5, 3, 2}, {1, 0, 0}, {17, 2, 40}, {990, 10, 0}, {0, 1, 1}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = counts(cases[i][0], cases[i][1], cases[i][2]);
    nps_counts m = counts(cases[i][2], cases[i][1], cases[i][0]);
    nps_interval a, b;
    assert_int_equal(nps_interval_score(&c, 0.9, &a), NPS_OK);
    assert_int_equal(nps_interval_score(&m, 0.9, &b), NPS_OK);
    assert_double_near(a.lo, -b.hi, 1e-11);
    assert_double_near(a.hi, -b.lo, 1e-11);
    assert_int_equal(nps_interval_bayes(&c, 0.9, 0.5, &a, NULL), NPS_OK);
    assert_int_equal(nps_interval_bayes(&m, 0.9, 0.5, &b, NULL), NPS_OK);
    assert_double_near(a.lo, -b.hi, 1e-9);
    assert_double_near(a.hi, -b.lo, 1e-9);
  }
}

/* Higher level, wider interval; every interval holds its centre. */
static void test_nesting(void **state) {
  (void)state;
  const uint64_t cases[][3] = {{5, 3, 2}, {0, 4, 0}, {30, 1, 69}, {1, 1, 1}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = counts(cases[i][0], cases[i][1], cases[i][2]);
    nps_interval s90, s99, b90, b99;
    double mean;
    assert_int_equal(nps_interval_score(&c, 0.90, &s90), NPS_OK);
    assert_int_equal(nps_interval_score(&c, 0.99, &s99), NPS_OK);
    assert_int_equal(nps_interval_bayes(&c, 0.90, 0.5, &b90, &mean), NPS_OK);
    assert_int_equal(nps_interval_bayes(&c, 0.99, 0.5, &b99, NULL), NPS_OK);
    assert_true(s99.lo < s90.lo && s90.hi < s99.hi);
    assert_true(b99.lo < b90.lo && b90.hi < b99.hi);
    assert_true(b90.lo < mean && mean < b90.hi);
    double est = ((double)c.promoters - (double)c.detractors) /
                 (double)(c.promoters + c.passives + c.detractors);
    assert_true(s90.lo <= est && est <= s90.hi);
  }
}

/* Very large n: the three large-sample intervals agree with Wald, the
 * Bayes one through its large-shape Beta path; nothing fails or is NaN. */
/* From n = 2^53 the Bayesian interval is the posterior's normal limit,
 * mean -+ z sd. Values: tests/unit/scripts/hugecounts_reference.py
 * (exact rationals for the posterior moments). Below 2^53 the quadrature
 * stays within the skewness bound 2 (z^2 - 1) / (3 n) of that limit. */
static void test_bayes_normal_limit(void **state) {
  (void)state;
  const struct {
    uint64_t p, a, d;
    double lo, hi;
  } cases[] = {{5000000000000000ull, 2500000000000000ull, 2500000000000000ull,
                0.2499999837488371, 0.2500000162511628},
               {600000000000000000ull, 300000000000000000ull,
                100000000000000000ull, 0.49999999868521616, 0.5000000013147838},
               {4500000000000000000ull, 2250000000000000000ull,
                2250000000000000000ull, 0.24999999945829457,
                0.2500000005417054}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = counts(cases[i].p, cases[i].a, cases[i].d);
    nps_interval b;
    assert_int_equal(nps_interval_bayes(&c, 0.95, 0.5, &b, NULL), NPS_OK);
    assert_double_near(b.lo, cases[i].lo, 1e-15);
    assert_double_near(b.hi, cases[i].hi, 1e-15);
  }
  /* n = 1e12 (quadrature): normal limit [0.24999837488334017,
   * 0.25000162511590984], bound 2 (z^2 - 1) / (3e12) = 1.9e-12. */
  nps_counts c = counts(500000000000ull, 250000000000ull, 250000000000ull);
  nps_interval b;
  assert_int_equal(nps_interval_bayes(&c, 0.95, 0.5, &b, NULL), NPS_OK);
  assert_double_near(b.lo, 0.24999837488334017, 2e-12);
  assert_double_near(b.hi, 0.25000162511590984, 2e-12);
}

static void test_large_n(void **state) {
  (void)state;
  const uint64_t cases[][3] = {
      {500000000, 300000000, 200000000},
      {4000000000000ull, 3000000000000ull, 3000000000000ull},
      {123456789012ull, 5, 98765432101ull},
      {7000000000ull, 2000000000ull, 1000000000ull}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = counts(cases[i][0], cases[i][1], cases[i][2]);
    nps_interval w, s, b;
    assert_int_equal(nps_interval_wald(&c, 0.95, &w), NPS_OK);
    assert_int_equal(nps_interval_score(&c, 0.95, &s), NPS_OK);
    assert_int_equal(nps_interval_bayes(&c, 0.95, 0.5, &b, NULL), NPS_OK);
    double half = (w.hi - w.lo) / 2.0;
    assert_double_near(s.lo, w.lo, 1e-3 * half);
    assert_double_near(s.hi, w.hi, 1e-3 * half);
    assert_double_near(b.lo, w.lo, 1e-3 * half);
    assert_double_near(b.hi, w.hi, 1e-3 * half);
  }
  /* One category at n = 1e9: score has the closed form
   * lower = (n - z^2) / (n + z^2); the Bayes limits stay ordered. */
  nps_counts all = counts(1000000000, 0, 0);
  nps_interval s, b;
  assert_int_equal(nps_interval_score(&all, 0.95, &s), NPS_OK);
  double n = 1e9, z2 = Z95 * Z95;
  assert_double_near(s.lo, (n - z2) / (n + z2), 1e-15);
  assert_double_near(s.hi, 1.0, 0.0);
  assert_int_equal(nps_interval_bayes(&all, 0.95, 0.5, &b, NULL), NPS_OK);
  assert_true(b.lo < b.hi && b.hi <= 1.0 && b.lo > 1.0 - 1e-8);
  /* Posteriors too narrow for doubles next to +-1 (sd < 1e-10), with and
   * without a prior; the posterior variance of the first one rounds to 0
   * if computed carelessly. */
  const uint64_t narrow[][3] = {{999999999999999999ull, 1, 0},
                                {1, 1, 999999999999998ull},
                                {0, 0, 10000000000000ull}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(narrow); i++) {
    nps_counts c = counts(narrow[i][0], narrow[i][1], narrow[i][2]);
    for (double prior = 0.0; prior <= 0.5; prior += 0.5) {
      double mean;
      assert_int_equal(nps_interval_bayes(&c, 0.95, prior, &b, &mean), NPS_OK);
      assert_true(b.lo <= mean && mean <= b.hi);
      assert_true(b.lo >= -1.0 && b.hi <= 1.0 && b.hi - b.lo < 1e-9);
    }
  }
}

/* One-category samples of every kind, n = 1..50: score limits in closed
 * form, Bayes well ordered. */
static void test_one_category(void **state) {
  (void)state;
  double z2 = Z95 * Z95;
  for (uint64_t k = 1; k <= 50; k++) {
    double n = (double)k;
    nps_counts prom = counts(k, 0, 0), pass = counts(0, k, 0);
    nps_interval iv;
    assert_int_equal(nps_interval_score(&prom, 0.95, &iv), NPS_OK);
    assert_double_near(iv.lo, (n - z2) / (n + z2), 1e-12);
    assert_double_near(iv.hi, 1.0, 0.0);
    assert_int_equal(nps_interval_score(&pass, 0.95, &iv), NPS_OK);
    assert_double_near(iv.hi, z2 / (n + z2), 1e-12);
    assert_double_near(iv.lo, -z2 / (n + z2), 1e-12);
    assert_int_equal(nps_interval_bayes(&pass, 0.95, 0.5, &iv, NULL), NPS_OK);
    assert_true(iv.lo < 0.0 && iv.hi > 0.0);
    assert_double_near(iv.lo, -iv.hi, 1e-9);
  }
}

static void test_clip(void **state) {
  (void)state;
  nps_interval iv = nps_interval_clip((nps_interval){-1.2, 1.7});
  assert_double_near(iv.lo, -1.0, 0.0);
  assert_double_near(iv.hi, 1.0, 0.0);
  iv = nps_interval_clip((nps_interval){0.1, 0.2});
  assert_double_near(iv.lo, 0.1, 0.0);
  assert_double_near(iv.hi, 0.2, 0.0);
}

int main(void) {
  gsl_set_error_handler_off();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_method_names),
      cmocka_unit_test(test_z),
      cmocka_unit_test(test_wald_reference),
      cmocka_unit_test(test_adjusted_wald_reference),
      cmocka_unit_test(test_score_reference),
      cmocka_unit_test(test_bayes_reference),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_empty_sample),
      cmocka_unit_test(test_bayes_zero_prior),
      cmocka_unit_test(test_bayes_monte_carlo),
      cmocka_unit_test(test_symmetry),
      cmocka_unit_test(test_nesting),
      cmocka_unit_test(test_large_n),
      cmocka_unit_test(test_bayes_normal_limit),
      cmocka_unit_test(test_one_category),
      cmocka_unit_test(test_clip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
