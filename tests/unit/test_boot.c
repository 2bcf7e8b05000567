/*
 * test_boot.c - the multinomial bootstrap: exact-limit reference intervals,
 * the closed-form acceleration, equivalence with resampling rows, seeds,
 * and counts beyond 32 bits.
 */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "nps/boot.h"
#include "nps_test.h"

/* Reference values: tests/data/nps_reference.json, computed independently with
 * numpy/scipy and the R package NPS. boot_exact_* are the bootstrap
 * intervals in the limit B -> infinity (exact enumeration of the
 * multinomial bootstrap distribution), BCa with ties counted half. */
typedef struct boot_ref {
  uint64_t p, a, d;
  nps_interval percentile, bca;
  double accel;
} boot_ref;

static const boot_ref refs[] = {
    {5, 3, 2, {-0.2, 0.8}, {-0.2, 0.7}, -0.0305325502},
    {5, 0, 5, {-0.6, 0.6}, {-0.6, 0.6}, 0},
    {45, 35, 20, {0.1, 0.4}, {0.09, 0.4}, -0.0076336264},
    {500, 300, 200, {0.251, 0.348}, {0.251, 0.348}, -0.003053255},
    {990, 10, 0, {0.983, 0.996}, {0.982, 0.995}, -0.051910741},
};

static gsl_rng *rng_seeded(unsigned long seed) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(r);
  gsl_rng_set(r, seed);
  return r;
}

static double mean_of(const double *x, size_t n) {
  double s = 0.0;
  for (size_t i = 0; i < n; i++)
    s += x[i];
  return s / (double)n;
}

static double sd_of(const double *x, size_t n) {
  double m = mean_of(x, n), s = 0.0;
  for (size_t i = 0; i < n; i++)
    s += (x[i] - m) * (x[i] - m);
  return sqrt(s / (double)(n - 1));
}

static void test_accel_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    nps_counts c = {refs[i].p, refs[i].a, refs[i].d};
    assert_double_near(nps_boot_accel(&c), refs[i].accel, 1e-9);
  }
  nps_counts none = {0, 0, 0}, one = {0, 9, 0};
  assert_double_near(nps_boot_accel(&none), 0.0, 0.0);
  assert_double_near(nps_boot_accel(&one), 0.0, 0.0);
}

/* The closed form equals Efron's jackknife formula evaluated on rows. */
static void test_accel_jackknife(void **state) {
  (void)state;
  const uint64_t cases[][3] = {{7, 2, 1}, {1, 5, 9}, {3, 0, 1}, {1, 1, 0}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = {cases[i][0], cases[i][1], cases[i][2]};
    size_t n = (size_t)(c.promoters + c.passives + c.detractors);
    double *s = malloc(n * sizeof *s), total = 0.0;
    assert_non_null(s);
    for (size_t k = 0; k < n; k++) {
      s[k] = k < c.promoters ? 1.0 : k < c.promoters + c.passives ? 0.0 : -1.0;
      total += s[k];
    }
    double dot = 0.0, num = 0.0, den = 0.0;
    for (size_t k = 0; k < n; k++)
      dot += (total - s[k]) / (double)(n - 1);
    dot /= (double)n; /* the mean of the leave-one-out estimates */
    for (size_t k = 0; k < n; k++) {
      double dev = dot - (total - s[k]) / (double)(n - 1);
      num += dev * dev * dev;
      den += dev * dev;
    }
    assert_double_near(nps_boot_accel(&c), num / (6.0 * pow(den, 1.5)), 1e-13);
    free(s);
  }
}

/* With B = 1e5 the intervals land within one grid step (1/n) of their
 * B -> infinity limits. */
static void test_intervals_reference(void **state) {
  (void)state;
  const size_t B = 100000;
  gsl_rng *r = rng_seeded(12345);
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const boot_ref *ref = &refs[i];
    nps_counts c = {ref->p, ref->a, ref->d};
    double step = 1.0 / (double)(ref->p + ref->a + ref->d) + 1e-12;
    nps_boot_result br;
    assert_int_equal(nps_boot_ci(&c, B, 0.95, r, NULL, &br), NPS_OK);
    assert_true(br.bca_ok);
    assert_int_equal(br.replicates, B);
    assert_double_near(br.percentile.lo, ref->percentile.lo, step);
    assert_double_near(br.percentile.hi, ref->percentile.hi, step);
    assert_double_near(br.bca.lo, ref->bca.lo, step);
    assert_double_near(br.bca.hi, ref->bca.hi, step);
    assert_double_near(br.accel, ref->accel, 1e-9);
    /* The bootstrap SE of a mean is sqrt(V / n) up to Monte Carlo error
     * (relative sd about 1 / sqrt(2B) = 0.2%). */
    double n = (double)(c.promoters + c.passives + c.detractors);
    double pp = (double)c.promoters / n, pd = (double)c.detractors / n;
    double se = sqrt((pp + pd - (pp - pd) * (pp - pd)) / n);
    assert_double_near(br.se, se, 0.02 * se);
  }
  gsl_rng_free(r);
}

/* Test-only row-level resampler: n rows of +1/0/-1 scores, n draws with
 * replacement, the mean. */
static void row_replicates(const nps_counts *c, size_t B, gsl_rng *r,
                           double *out) {
  size_t n = (size_t)(c->promoters + c->passives + c->detractors);
  double *rows = malloc(n * sizeof *rows);
  assert_non_null(rows);
  for (size_t k = 0; k < n; k++)
    rows[k] = k < c->promoters                 ? 1.0
              : k < c->promoters + c->passives ? 0.0
                                               : -1.0;
  for (size_t b = 0; b < B; b++) {
    double s = 0.0;
    for (size_t k = 0; k < n; k++)
      s += rows[gsl_rng_uniform_int(r, (unsigned long)n)];
    out[b] = s / (double)n;
  }
  free(rows);
}

/* The multinomial replicates have the distribution of row resampling:
 * both match the exact moments of the bootstrap distribution (mean
 * theta-hat, sd sqrt(V/n)) and each other's quantiles. Tolerances are
 * 6 standard errors for the means, 5% for the sds (whose Monte Carlo
 * error is 0.5%), and two grid steps for the quantiles. */
static void test_rows_equivalence(void **state) {
  (void)state;
  const uint64_t cases[][3] = {{20, 18, 12}, {3, 1, 6}, {95, 4, 1}};
  const size_t B = 20000;
  double *multi = malloc(B * sizeof *multi), *rows = malloc(B * sizeof *rows);
  assert_non_null(multi);
  assert_non_null(rows);
  gsl_rng *r = rng_seeded(777);
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = {cases[i][0], cases[i][1], cases[i][2]};
    double n = (double)(c.promoters + c.passives + c.detractors);
    double pp = (double)c.promoters / n, pd = (double)c.detractors / n;
    double th = pp - pd, se = sqrt((pp + pd - th * th) / n);
    assert_int_equal(nps_boot_replicates(&c, B, r, multi), NPS_OK);
    row_replicates(&c, B, r, rows);
    const double *sets[2] = {multi, rows};
    for (int k = 0; k < 2; k++) {
      assert_double_near(mean_of(sets[k], B), th, 6.0 * se / sqrt((double)B));
      assert_double_near(sd_of(sets[k], B), se, 0.05 * se);
    }
    gsl_sort(multi, 1, B);
    gsl_sort(rows, 1, B);
    const double qs[] = {0.025, 0.1, 0.5, 0.9, 0.975};
    for (size_t k = 0; k < NPS_ARRAY_LEN(qs); k++)
      assert_double_near(nps_boot_quantile(multi, B, qs[k]),
                         nps_boot_quantile(rows, B, qs[k]), 2.0 / n + 1e-12);
  }
  gsl_rng_free(r);
  free(multi);
  free(rows);
}

static void test_seeds(void **state) {
  (void)state;
  nps_counts c = {45, 35, 20};
  double a[64], b[64], d[64];
  gsl_rng *r1 = rng_seeded(42), *r2 = rng_seeded(42), *r3 = rng_seeded(43);
  assert_int_equal(nps_boot_replicates(&c, 64, r1, a), NPS_OK);
  assert_int_equal(nps_boot_replicates(&c, 64, r2, b), NPS_OK);
  assert_int_equal(nps_boot_replicates(&c, 64, r3, d), NPS_OK);
  assert_memory_equal(a, b, sizeof a);
  assert_memory_not_equal(a, d, sizeof a);
  gsl_rng_set(r1, 42);
  gsl_rng_set(r2, 42);
  nps_boot_result x, y;
  assert_int_equal(nps_boot_ci(&c, 500, 0.9, r1, NULL, &x), NPS_OK);
  assert_int_equal(nps_boot_ci(&c, 500, 0.9, r2, NULL, &y), NPS_OK);
  assert_memory_equal(&x, &y, sizeof x);
  gsl_rng_free(r1);
  gsl_rng_free(r2);
  gsl_rng_free(r3);
}

/* nps_boot_ci's work buffer holds the same draws as nps_boot_replicates,
 * sorted: by counting (n <= B) and by qsort (n > B). */
static void test_work_sorted(void **state) {
  (void)state;
  const uint64_t cases[][3] = {{45, 35, 20}, {5000, 3000, 2000}};
  const size_t B = 2000;
  double *w = malloc(B * sizeof *w), *v = malloc(B * sizeof *v);
  assert_non_null(w);
  assert_non_null(v);
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_counts c = {cases[i][0], cases[i][1], cases[i][2]};
    gsl_rng *r = rng_seeded(99);
    nps_boot_result br;
    assert_int_equal(nps_boot_ci(&c, B, 0.95, r, w, &br), NPS_OK);
    gsl_rng_set(r, 99);
    assert_int_equal(nps_boot_replicates(&c, B, r, v), NPS_OK);
    gsl_sort(v, 1, B);
    assert_memory_equal(w, v, B * sizeof *w);
    nps_interval iv;
    assert_int_equal(nps_boot_percentile(w, B, 0.95, &iv), NPS_OK);
    assert_memory_equal(&iv, &br.percentile, sizeof iv);
    assert_double_near(br.se, sd_of(w, B), 1e-15);
    gsl_rng_free(r);
  }
  free(w);
  free(v);
}

/* Binomial draws for n beyond 32 bits: the mean of 20000 draws within 6
 * standard errors and, where n p (1 - p) is large enough for the sample sd
 * to be stable, the sd within 5%. */
static void test_binomial_large(void **state) {
  (void)state;
  gsl_rng *r = rng_seeded(2024);
  const uint64_t ns[] = {(uint64_t)1 << 31, ((uint64_t)1 << 40) + 12345,
                         UINT64_MAX};
  const double ps[] = {0.3, 0.999, 1e-12};
  const size_t N = 20000;
  double *x = malloc(N * sizeof *x);
  assert_non_null(x);
  for (size_t i = 0; i < NPS_ARRAY_LEN(ns); i++) {
    for (size_t j = 0; j < NPS_ARRAY_LEN(ps); j++) {
      double n = (double)ns[i], p = ps[j];
      double mean = n * p, sd = sqrt(n * p * (1.0 - p));
      for (size_t k = 0; k < N; k++) {
        uint64_t v = nps_boot_binomial(r, p, ns[i]);
        assert_true(v <= ns[i]);
        x[k] = (double)v - mean; /* centred: keeps precision at 2^64 */
      }
      assert_double_near(mean_of(x, N), 0.0, 6.0 * sd / sqrt((double)N));
      if (sd > 30.0)
        assert_double_near(sd_of(x, N), sd, 0.05 * sd);
    }
  }
  assert_int_equal(nps_boot_binomial(r, 0.0, UINT64_MAX), 0);
  assert_true(nps_boot_binomial(r, 1.0, UINT64_MAX) == UINT64_MAX);
  assert_int_equal(nps_boot_binomial(r, 0.5, 0), 0);
  assert_int_equal(nps_boot_binomial(r, NAN, 10), 0);
  assert_int_equal(nps_boot_binomial(r, 2.0, 10), 10);
  free(x);
  gsl_rng_free(r);
}

/* Counts with n > 2^32: replicates sum to n and have the right spread;
 * a total of 2^64 - 1 works, one more overflows. */
static void test_counts_large(void **state) {
  (void)state;
  gsl_rng *r = rng_seeded(5);
  nps_counts c = {5000000000000ull, 3000000000000ull, 2000000000000ull};
  for (int k = 0; k < 100; k++) {
    nps_counts x;
    assert_int_equal(nps_boot_counts_replicate(&c, r, &x), NPS_OK);
    assert_true(x.promoters + x.passives + x.detractors == 10000000000000ull);
  }
  const size_t B = 5000;
  double *v = malloc(B * sizeof *v);
  assert_non_null(v);
  nps_boot_result br;
  assert_int_equal(nps_boot_ci(&c, B, 0.95, r, v, &br), NPS_OK);
  double se = sqrt(0.61 / 1e13);
  assert_double_near(br.estimate, 0.3, 1e-15);
  assert_double_near(br.se, se, 0.05 * se);
  assert_double_near(br.percentile.lo, 0.3 - 1.96 * se, 0.1 * se);
  assert_double_near(br.bca.hi, 0.3 + 1.96 * se, 0.1 * se);
  nps_counts full = {(uint64_t)1 << 63, (uint64_t)1 << 62,
                     ((uint64_t)1 << 62) - 1};
  nps_counts x;
  assert_int_equal(nps_boot_counts_replicate(&full, r, &x), NPS_OK);
  assert_true(x.promoters + x.passives + x.detractors == UINT64_MAX);
  assert_int_equal(nps_boot_replicates(&full, B, r, v), NPS_OK);
  nps_counts over = {(uint64_t)1 << 63, (uint64_t)1 << 62, (uint64_t)1 << 62};
  assert_int_equal(nps_boot_counts_replicate(&over, r, &x), NPS_EOVERFLOW);
  assert_int_equal(nps_boot_replicates(&over, B, r, v), NPS_EOVERFLOW);
  assert_int_equal(nps_boot_ci(&over, B, 0.95, r, v, &br), NPS_EOVERFLOW);
  free(v);
  gsl_rng_free(r);
}

/* 11-bin replicates: totals kept, empty bins stay empty, bin means n p. */
static void test_hist_replicate(void **state) {
  (void)state;
  gsl_rng *r = rng_seeded(11);
  nps_hist h = {{3, 0, 1, 0, 2, 5, 0, 10, 4, 20, 15}};
  double sum[NPS_NSCORES] = {0};
  const int N = 20000;
  for (int k = 0; k < N; k++) {
    nps_hist x;
    assert_int_equal(nps_boot_hist_replicate(&h, r, &x), NPS_OK);
    assert_true(nps_hist_total(&x) == 60);
    for (int s = 0; s < NPS_NSCORES; s++) {
      if (h.count[s] == 0)
        assert_true(x.count[s] == 0);
      sum[s] += (double)x.count[s];
    }
  }
  for (int s = 0; s < NPS_NSCORES; s++) {
    double p = (double)h.count[s] / 60.0, sd = sqrt(60.0 * p * (1.0 - p));
    assert_double_near(sum[s] / N, (double)h.count[s],
                       6.0 * sd / sqrt((double)N) + 1e-12);
  }
  nps_hist empty = {{0}}, x;
  assert_int_equal(nps_boot_hist_replicate(&empty, r, &x), NPS_OK);
  assert_true(nps_hist_total(&x) == 0);
  nps_hist big = {{0}};
  big.count[10] = UINT64_MAX;
  big.count[0] = 1;
  assert_int_equal(nps_boot_hist_replicate(&big, r, &x), NPS_EOVERFLOW);
  gsl_rng_free(r);
}

static void test_quantile_rule(void **state) {
  (void)state;
  const double x[] = {1, 2, 3, 4};
  assert_double_near(nps_boot_quantile(x, 4, 0.5), 2.5, 0.0);
  assert_double_near(nps_boot_quantile(x, 4, 0.0), 1.0, 0.0);
  assert_double_near(nps_boot_quantile(x, 4, 1.0), 4.0, 0.0);
  assert_double_near(nps_boot_quantile(x, 4, 0.25), 1.75, 1e-15);
  assert_double_near(nps_boot_quantile(x, 1, 0.3), 1.0, 0.0);
  nps_interval iv;
  assert_int_equal(nps_boot_percentile(x, 4, 0.5, &iv), NPS_OK);
  assert_double_near(iv.lo, 1.75, 1e-15);
  assert_double_near(iv.hi, 3.25, 1e-15);
  assert_int_equal(nps_boot_percentile(x, 0, 0.5, &iv), NPS_EINVAL);
  assert_int_equal(nps_boot_percentile(x, 4, 1.0, &iv), NPS_EINVAL);
}

/* z0 counts ties half; with z0 = a = 0 BCa is the percentile interval;
 * a hand-evaluated case checks the adjusted levels. */
static void test_bca_rules(void **state) {
  (void)state;
  const double x[] = {0.1, 0.2, 0.2, 0.3};
  nps_interval iv, pc;
  double z0;
  assert_int_equal(nps_boot_bca(x, 4, 0.2, 0.0, 0.5, &iv, &z0), NPS_OK);
  assert_double_near(z0, 0.0, 1e-15); /* (1 + 3) / 8 = 1/2 */
  assert_int_equal(nps_boot_percentile(x, 4, 0.5, &pc), NPS_OK);
  assert_double_near(iv.lo, pc.lo, 1e-15);
  assert_double_near(iv.hi, pc.hi, 1e-15);
  assert_int_equal(nps_boot_bca(x, 4, 0.25, 0.1, 0.5, &iv, &z0), NPS_OK);
  double b = gsl_cdf_ugaussian_Pinv(0.75); /* (3 + 3) / 8 */
  assert_double_near(z0, b, 1e-15);
  double zl = gsl_cdf_ugaussian_Pinv(0.25), zh = -zl;
  double al = gsl_cdf_ugaussian_P(b + (b + zl) / (1.0 - 0.1 * (b + zl)));
  double ah = gsl_cdf_ugaussian_P(b + (b + zh) / (1.0 - 0.1 * (b + zh)));
  assert_double_near(iv.lo, nps_boot_quantile(x, 4, al), 1e-15);
  assert_double_near(iv.hi, nps_boot_quantile(x, 4, ah), 1e-15);
  /* A denominator <= 0 takes the limiting level: the extreme replicate. */
  assert_int_equal(nps_boot_bca(x, 4, 0.2, 5.0, 0.9, &iv, &z0), NPS_OK);
  assert_double_near(iv.hi, 0.3, 0.0);
}

static void test_bca_one_sided(void **state) {
  (void)state;
  const double x[] = {0.1, 0.2, 0.3};
  nps_interval iv;
  double z0 = 0.0;
  assert_int_equal(nps_boot_bca(x, 3, 0.05, 0.0, 0.9, &iv, &z0), NPS_OK);
  assert_true(isinf(z0) && z0 < 0.0);
  assert_double_near(iv.lo, nps_boot_quantile(x, 3, 0.05), 1e-15);
  assert_int_equal(nps_boot_bca(x, 3, 0.3, 0.0, 0.9, &iv, &z0), NPS_OK);
  assert_int_equal(nps_boot_bca(x, 3, 0.31, 0.0, 0.9, &iv, &z0), NPS_OK);
  assert_true(isinf(z0) && z0 > 0.0);
  /* Through nps_boot_ci: B = 2 replicates of a tiny sample often land on
   * one side; bca_ok then says so and bca equals percentile. */
  gsl_rng *r = rng_seeded(1);
  nps_counts c = {1, 0, 1};
  int seen = 0;
  for (int k = 0; k < 200; k++) {
    nps_boot_result br;
    assert_int_equal(nps_boot_ci(&c, 2, 0.9, r, NULL, &br), NPS_OK);
    if (!br.bca_ok) {
      seen = 1;
      assert_true(isinf(br.z0));
      assert_non_null(br.note);
      assert_memory_equal(&br.bca, &br.percentile, sizeof br.bca);
    }
  }
  assert_true(seen);
  gsl_rng_free(r);
}

static void test_ci_statuses(void **state) {
  (void)state;
  gsl_rng *r = rng_seeded(3);
  nps_boot_result br;
  nps_counts c = {5, 3, 2}, empty = {0, 0, 0}, one = {0, 0, 12};
  assert_int_equal(nps_boot_ci(&empty, 100, 0.95, r, NULL, &br), NPS_EEMPTY);
  assert_double_nan(br.percentile.lo);
  assert_int_equal(nps_boot_ci(&c, 1, 0.95, r, NULL, &br), NPS_EINVAL);
  assert_int_equal(nps_boot_ci(&c, 100, 0.95, NULL, NULL, &br), NPS_EINVAL);
  assert_int_equal(nps_boot_ci(&c, 100, 1.0, r, NULL, &br), NPS_EINVAL);
  assert_int_equal(nps_boot_ci(&c, 100, 0.95, r, NULL, &br), NPS_OK);
  assert_null(br.note);
  assert_int_equal(nps_boot_ci(&one, 100, 0.95, r, NULL, &br), NPS_OK);
  assert_non_null(br.note);
  assert_double_near(br.percentile.lo, -1.0, 0.0);
  assert_double_near(br.percentile.hi, -1.0, 0.0);
  assert_double_near(br.bca.lo, -1.0, 0.0);
  assert_double_near(br.se, 0.0, 0.0);
  double v[4];
  assert_int_equal(nps_boot_replicates(&empty, 4, r, v), NPS_EEMPTY);
  gsl_rng_free(r);
}

int main(void) {
  gsl_set_error_handler_off();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_accel_reference),
      cmocka_unit_test(test_accel_jackknife),
      cmocka_unit_test(test_intervals_reference),
      cmocka_unit_test(test_rows_equivalence),
      cmocka_unit_test(test_seeds),
      cmocka_unit_test(test_work_sorted),
      cmocka_unit_test(test_binomial_large),
      cmocka_unit_test(test_counts_large),
      cmocka_unit_test(test_hist_replicate),
      cmocka_unit_test(test_quantile_rule),
      cmocka_unit_test(test_bca_rules),
      cmocka_unit_test(test_bca_one_sided),
      cmocka_unit_test(test_ci_statuses),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
