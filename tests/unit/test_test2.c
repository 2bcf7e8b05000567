/*
 * test_test2.c - two-sample tests: reference values, brute-force
 * permutations, the exact bootstrap distribution, the acceleration against
 * an explicit jackknife, the paired test, errors and fallbacks.
 *
 * Reference values (Wald, MeasuringU adjusted Wald, exact permutation p)
 * are copied from tests/data/nps_reference.json, section "two_sample"
 * (computed with Python numpy/scipy and checked against the R package NPS;
 * its "about" field says how); the file gives 10 decimals. The paired example
 * was computed by hand in Python (statistics.NormalDist). Everything else is
 * checked against an independent computation in this file: row-level
 * enumeration of every relabelling, or exact enumeration of both multinomials.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "nps/boot.h"
#include "nps/test2.h"
#include "nps_test.h"

#define Z95 1.959963984540054

static gsl_rng *rng_seeded(unsigned long seed) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(r);
  gsl_rng_set(r, seed);
  return r;
}

/* tests/data/nps_reference.json, two_sample. */
typedef struct ref2 {
  nps_counts g1, g2;
  double w_diff, w_se, w_z, w_p, w_lo, w_hi;
  double a_diff, a_se, a_z, a_p, a_lo, a_hi;
  double perm_p;
} ref2;

static const ref2 refs[] = {
    {{50, 30, 20},
     {40, 30, 30},
     0.2,
     0.1140175425,
     1.7541160386,
     0.079410626,
     -0.0234702769,
     0.4234702769,
     0.1941747573,
     0.1120891602,
     1.7323241327,
     0.0832158675,
     -0.0255159598,
     0.4138654744,
     0.0986639943},
    {{120, 50, 30},
     {95, 60, 45},
     0.2,
     0.0769740216,
     2.5982792098,
     0.0093692276,
     0.0491336899,
     0.3508663101,
     0.197044335,
     0.07643937,
     2.5777859612,
     0.0099435569,
     0.0472259227,
     0.3468627473,
     0.0119272548},
    {{600, 250, 150},
     {45, 30, 25},
     0.25,
     0.0845428885,
     2.957078997,
     0.0031056854,
     0.0842989833,
     0.4157010167,
     0.2544792806,
     0.083185497,
     3.059178459,
     0.002219449,
     0.0914387024,
     0.4175198588,
     0.001698359},
};

#define REF_TOL 1e-9 /* the reference file rounds to 10 decimals */

static void test_wald_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref2 *f = &refs[i];
    nps_test2_result r;
    assert_int_equal(
        nps_test2_wald(&f->g1, &f->g2, NPS_ALT_TWO_SIDED, 0.95, &r), NPS_OK);
    assert_int_equal(r.method, NPS_TEST2_WALD);
    assert_double_near(r.diff, f->w_diff, REF_TOL);
    assert_double_near(r.se, f->w_se, REF_TOL);
    assert_double_near(r.z, f->w_z, REF_TOL);
    assert_double_near(r.p, f->w_p, REF_TOL);
    assert_double_near(r.ci.lo, f->w_lo, REF_TOL);
    assert_double_near(r.ci.hi, f->w_hi, REF_TOL);
    assert_double_near(r.p_mc_se, 0.0, 0.0);
    assert_true(r.n1 == nps_counts_total(&f->g1));
    /* one-sided: half the two-sided p in the observed direction */
    assert_int_equal(nps_test2_wald(&f->g1, &f->g2, NPS_ALT_GREATER, 0.95, &r),
                     NPS_OK);
    assert_double_near(r.p, f->w_p / 2.0, REF_TOL);
    assert_int_equal(nps_test2_wald(&f->g1, &f->g2, NPS_ALT_LESS, 0.95, &r),
                     NPS_OK);
    assert_double_near(r.p, 1.0 - f->w_p / 2.0, REF_TOL);
    /* swapping the groups flips the sign */
    assert_int_equal(nps_test2_wald(&f->g2, &f->g1, NPS_ALT_LESS, 0.95, &r),
                     NPS_OK);
    assert_double_near(r.diff, -f->w_diff, REF_TOL);
    assert_double_near(r.p, f->w_p / 2.0, REF_TOL);
  }
}

static void test_adjusted_wald_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref2 *f = &refs[i];
    nps_test2_result r;
    assert_int_equal(
        nps_test2_adjusted_wald(&f->g1, &f->g2, NPS_ALT_TWO_SIDED, 0.95, &r),
        NPS_OK);
    assert_double_near(r.diff, f->a_diff, REF_TOL);
    assert_double_near(r.se, f->a_se, REF_TOL);
    assert_double_near(r.z, f->a_z, REF_TOL);
    assert_double_near(r.p, f->a_p, REF_TOL);
    assert_double_near(r.ci.lo, f->a_lo, REF_TOL);
    assert_double_near(r.ci.hi, f->a_hi, REF_TOL);
    /* the adjusted estimates are (P - D) / (n + 3) */
    double n1 = (double)nps_counts_total(&f->g1);
    assert_double_near(r.nps1,
                       ((double)f->g1.promoters - (double)f->g1.detractors) /
                           (n1 + 3.0),
                       1e-15);
  }
}

static void test_permutation_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref2 *f = &refs[i];
    nps_test2_result r;
    assert_int_equal(nps_test2_permutation(&f->g1, &f->g2, NPS_ALT_TWO_SIDED,
                                           0.95, 0, 0, NULL, &r),
                     NPS_OK);
    assert_double_near(r.p_diff, f->perm_p, REF_TOL);
    assert_int_equal(r.exact, 1);
    assert_double_near(r.p_mc_se, 0.0, 0.0);
    assert_double_near(r.diff, f->w_diff, 1e-15);
    assert_double_near(r.se, f->w_se, REF_TOL);
    assert_double_nan(r.ci.lo);
  }
}

/* ---- permutation at huge counts ------------------------------------- */

/* 10^12 and 9e18 answers per group: the Monte Carlo draws come from the
 * normal limit (O(1) each, so this runs in well under a second) and p
 * matches the normal-limit p of the permutation distribution within five
 * Monte Carlo standard errors. Values: tests/unit/scripts/
 * hugecounts_reference.py. Fixed seed. */
static void test_permutation_huge(void **state) {
  (void)state;
  const struct {
    nps_counts g1, g2;
    double p, wald_p;
  } cases[] = {
      {{500001500000ull, 249999000000ull, 249999500000ull},
       {500000000000ull, 250000000000ull, 250000000000ull},
       0.08808151166203869,
       0.08808151166172809},
      {{4500000003000000000ull, 2249999998000000000ull, 2249999999000000000ull},
       {4500000000000000000ull, 2250000000000000000ull, 2250000000000000000ull},
       0.2555088202940285,
       0.2555088202940285}};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  assert_non_null(rng);
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_test2_result r;
    gsl_rng_set(rng, 7);
    assert_int_equal(nps_test2_permutation(&cases[i].g1, &cases[i].g2,
                                           NPS_ALT_TWO_SIDED, 0.95, 0, 10000,
                                           rng, &r),
                     NPS_OK);
    assert_int_equal(r.exact, 0);
    assert_non_null(r.note);
    assert_true(r.p_mc_se > 0.002);
    assert_double_near(r.p, cases[i].p, 5.0 * r.p_mc_se);
    assert_double_near(r.p_diff, cases[i].p, 5.0 * r.p_mc_se);
    nps_test2_result w;
    assert_int_equal(
        nps_test2_wald(&cases[i].g1, &cases[i].g2, NPS_ALT_TWO_SIDED, 0.95, &w),
        NPS_OK);
    /* Delta is rounded at 9e18: theta's ulp is 5.6e-17 of 4.4e-10. */
    assert_double_near(w.p, cases[i].wald_p, 1e-6);
  }
  gsl_rng_free(rng);
}

/* ---- permutation against row-level enumeration ----------------------- */

/* Scores of the pooled rows: group 1 first. */
static int pooled_scores(const nps_counts *g1, const nps_counts *g2, int *s) {
  int k = 0;
  const nps_counts *g[2] = {g1, g2};
  for (int j = 0; j < 2; j++) {
    for (uint64_t i = 0; i < g[j]->promoters; i++)
      s[k++] = 1;
    for (uint64_t i = 0; i < g[j]->passives; i++)
      s[k++] = 0;
    for (uint64_t i = 0; i < g[j]->detractors; i++)
      s[k++] = -1;
  }
  return k;
}

/* Wald z of a split from its rows: group sums and sums of squares. */
static double rows_z(int sum1, int sq1, int n1, int sum2, int sq2, int n2) {
  double m1 = (double)sum1 / n1, m2 = (double)sum2 / n2;
  double v =
      ((double)sq1 / n1 - m1 * m1) / n1 + ((double)sq2 / n2 - m2 * m2) / n2;
  double d = m1 - m2;
  if (v > 1e-15)
    return d / sqrt(v);
  return d > 0 ? INFINITY : d < 0 ? -INFINITY : 0.0;
}

/* 1 when v is at least as extreme as o (two-sided on |.|), half with ties
 * if mid; relative tie tolerance 1e-9. */
static double at_least(double v, double o, int mid) {
  if (v == o || (isfinite(o) && fabs(v - o) <= 1e-9 * fabs(o)))
    return mid ? 0.5 : 1.0;
  return v > o ? 1.0 : 0.0;
}

/* Brute-force permutation p-values: every split of the pooled rows into
 * n1 + n2, equally likely. raw[]: the difference, compared as the integer
 * n2 sum1 - n1 sum2; stud[]: the Wald z of the split; index 0 two-sided,
 * 1 greater, 2 less, ties whole; 3..5 the same with ties one half. Also
 * the number of
 * distinct group-1 tables seen. */
static void brute_permutation(const nps_counts *g1, const nps_counts *g2,
                              double raw[3], double stud[6], double *tables) {
  int s[24];
  int N = pooled_scores(g1, g2, s);
  int n1 = (int)nps_counts_total(g1), n2 = N - n1;
  assert_true(N <= 24);
  int total = 0, sqtotal = 0, sum1 = 0, sq1 = 0;
  for (int i = 0; i < N; i++) {
    total += s[i];
    sqtotal += s[i] * s[i];
  }
  for (int i = 0; i < n1; i++) {
    sum1 += s[i];
    sq1 += s[i] * s[i];
  }
  long t_obs = (long)n2 * sum1 - (long)n1 * (total - sum1);
  double z_obs = rows_z(sum1, sq1, n1, total - sum1, sqtotal - sq1, n2);
  double hr[3] = {0, 0, 0}, hs[6] = {0, 0, 0, 0, 0, 0}, splits = 0;
  char seen[25][25] = {{0}};
  for (unsigned long mask = 0; mask < (1ul << N); mask++) {
    if (__builtin_popcountl(mask) != n1)
      continue;
    int a = 0, sq = 0, np = 0, na = 0;
    for (int i = 0; i < N; i++) {
      if (mask & (1ul << i)) {
        a += s[i];
        sq += s[i] * s[i];
        np += s[i] == 1;
        na += s[i] == 0;
      }
    }
    seen[np][na] = 1;
    long t = (long)n2 * a - (long)n1 * (total - a);
    double z = rows_z(a, sq, n1, total - a, sqtotal - sq, n2);
    splits++;
    hr[0] += labs(t) >= labs(t_obs);
    hr[1] += t >= t_obs;
    hr[2] += t <= t_obs;
    hs[0] += at_least(fabs(z), fabs(z_obs), 0);
    hs[1] += at_least(z, z_obs, 0);
    hs[2] += at_least(-z, -z_obs, 0);
    hs[3] += at_least(fabs(z), fabs(z_obs), 1);
    hs[4] += at_least(z, z_obs, 1);
    hs[5] += at_least(-z, -z_obs, 1);
  }
  for (int k = 0; k < 3; k++)
    raw[k] = hr[k] / splits;
  for (int k = 0; k < 6; k++)
    stud[k] = hs[k] / splits;
  *tables = 0;
  for (int i = 0; i < 25; i++)
    for (int j = 0; j < 25; j++)
      *tables += seen[i][j];
}

static void test_permutation_brute_force(void **state) {
  (void)state;
  const nps_counts cases[][2] = {
      {{3, 1, 2}, {1, 3, 3}}, /* n1 < n2 */
      {{4, 2, 3}, {1, 1, 2}}, /* n1 > n2: the smaller group is group 2 */
      {{2, 2, 2}, {3, 1, 2}}, /* equal n: many exact ties */
      {{5, 0, 0}, {0, 0, 5}}, /* both one-category */
      {{0, 6, 1}, {2, 5, 0}}, /* no promoters in group 1 */
      {{3, 3, 3}, {3, 3, 3}}, /* identical: p = 1 two-sided */
      {{7, 0, 4}, {2, 0, 6}}, /* no passives anywhere */
      {{1, 9, 0}, {3, 2, 4}}, /* unequal spreads */
  };
  const nps_alternative alts[3] = {NPS_ALT_TWO_SIDED, NPS_ALT_GREATER,
                                   NPS_ALT_LESS};
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    double raw[3], stud[6], tables;
    brute_permutation(&cases[i][0], &cases[i][1], raw, stud, &tables);
    assert_double_near(nps_test2_permutation_tables(&cases[i][0], &cases[i][1]),
                       tables, 0.0);
    for (int k = 0; k < 3; k++) {
      nps_test2_result r;
      assert_int_equal(nps_test2_permutation(&cases[i][0], &cases[i][1],
                                             alts[k], 0.95, 0, 0, NULL, &r),
                       NPS_OK);
      assert_double_near(r.p_diff, raw[k], 1e-13);
      assert_double_near(r.p_conservative, stud[k], 1e-13);
      assert_double_near(r.p, stud[3 + k], 1e-13);
      assert_double_near(r.tables, tables, 0.0);
    }
  }
}

/* Table counts against a direct double loop, at sizes brute force cannot
 * reach, including empty categories. */
static void test_permutation_table_count(void **state) {
  (void)state;
  const nps_counts cases[][2] = {
      {{50, 30, 20}, {40, 30, 30}}, {{600, 250, 150}, {45, 30, 25}},
      {{0, 40, 3}, {9, 0, 70}},     {{10, 0, 0}, {0, 0, 300}},
      {{1, 1, 1}, {200, 100, 50}},  {{0, 0, 5}, {0, 0, 9}},
  };
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    const nps_counts *a = &cases[i][0], *b = &cases[i][1];
    long P = (long)(a->promoters + b->promoters);
    long A = (long)(a->passives + b->passives);
    long D = (long)(a->detractors + b->detractors);
    long m = (long)nps_counts_total(a);
    double count = 0;
    for (long x = 0; x <= P && x <= m; x++)
      for (long y = 0; y <= A && x + y <= m; y++)
        count += m - x - y <= D;
    assert_double_near(nps_test2_permutation_tables(a, b), count, 0.0);
  }
}

/* Monte Carlo p agrees with the exact one within its own error. */
static void test_permutation_monte_carlo(void **state) {
  (void)state;
  gsl_rng *rng = rng_seeded(20240611);
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    const ref2 *f = &refs[i];
    nps_test2_result r;
    assert_int_equal(nps_test2_permutation(&f->g1, &f->g2, NPS_ALT_TWO_SIDED,
                                           0.95, 1, 40000, rng, &r),
                     NPS_OK);
    assert_int_equal(r.exact, 0);
    assert_true(r.draws == 40000);
    double se = sqrt(f->perm_p * (1.0 - f->perm_p) / 40000.0);
    assert_double_near(r.p_diff, f->perm_p, 5.0 * se + 1.0 / 40000.0);
    assert_double_near(r.p_mc_se, sqrt(r.p * (1.0 - r.p) / 40000.0), 1e-15);
    nps_test2_result ex;
    assert_int_equal(nps_test2_permutation(&f->g1, &f->g2, NPS_ALT_TWO_SIDED,
                                           0.95, 0, 0, NULL, &ex),
                     NPS_OK);
    se = sqrt(ex.p * (1.0 - ex.p) / 40000.0);
    assert_double_near(r.p, ex.p, 5.0 * se + 1.0 / 40000.0);
    assert_double_near(r.p_conservative, ex.p_conservative,
                       5.0 * se + 1.0 / 40000.0);
    assert_true(ex.p < ex.p_conservative);
  }
  /* Monte Carlo needs a generator */
  nps_test2_result r;
  assert_int_equal(nps_test2_permutation(&refs[0].g1, &refs[0].g2,
                                         NPS_ALT_TWO_SIDED, 0.95, 1, 10, NULL,
                                         &r),
                   NPS_EINVAL);
  /* Monte Carlo against enumeration where counts pass 2^32, and for
   * thousands of answers per group */
  const nps_counts big[][2] = {
      {{3000000000u, 1000000000u, 1000000000u}, {2, 2, 2}},
      {{2600, 1400, 1000}, {2450, 1500, 1050}},
      {{30, 900, 70}, {5, 20, 9}}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(big); i++) {
    nps_test2_result ex, mc;
    assert_int_equal(nps_test2_permutation(&big[i][0], &big[i][1],
                                           NPS_ALT_GREATER, 0.95, 0, 0, NULL,
                                           &ex),
                     NPS_OK);
    assert_int_equal(ex.exact, 1);
    assert_int_equal(nps_test2_permutation(&big[i][0], &big[i][1],
                                           NPS_ALT_GREATER, 0.95, 1, 40000, rng,
                                           &mc),
                     NPS_OK);
    assert_int_equal(mc.exact, 0);
    double tol = 5.0 * sqrt(ex.p * (1.0 - ex.p) / 40000.0) + 1.0 / 40000.0;
    assert_double_near(mc.p, ex.p, tol);
    assert_double_near(mc.p_diff, ex.p_diff,
                       5.0 * sqrt(ex.p_diff * (1.0 - ex.p_diff) / 40000.0) +
                           1.0 / 40000.0);
    assert_true(ex.p > 0.001 && ex.p < 0.999); /* a test that can fail */
  }
  gsl_rng_free(rng);
}

/* Huge groups with few tables enumerate without huge buffers. */
static void test_permutation_huge_flat(void **state) {
  (void)state;
  nps_counts a = {0, 0, 1000000000000u}, b = {0, 0, 999999999999u};
  nps_test2_result r;
  assert_int_equal(
      nps_test2_permutation(&a, &b, NPS_ALT_TWO_SIDED, 0.95, 0, 0, NULL, &r),
      NPS_OK);
  assert_double_near(r.tables, 1.0, 0.0);
  assert_double_near(r.p_conservative, 1.0, 0.0);
  /* The one table ties with itself (mid-p 0.5), but with no other split
   * possible the test cannot reject: p = 1 (test2_perm.c). */
  assert_double_near(r.p, 1.0, 0.0);
  /* group 2 (5 answers) is enumerated: 0..5 of the 5 promoters */
  nps_counts c = {2, 0, 1000000000u}, d = {3, 0, 2};
  assert_int_equal(
      nps_test2_permutation(&c, &d, NPS_ALT_GREATER, 0.95, 0, 0, NULL, &r),
      NPS_OK);
  assert_double_near(r.tables, 6.0, 0.0);
  /* Delta >= Delta_obs unless group 2 draws 4 or 5 of the 5 promoters,
   * which has probability about 5 (5e-9)^4 */
  assert_true(r.p > 0.999999);
}

/* ---- bootstrap -------------------------------------------------------- */

/* ln Pr of (x, y, n - x - y) under Multinomial(n, c / n). */
static double multinomial_lpmf(const nps_counts *c, int x, int y) {
  double n = (double)nps_counts_total(c);
  int z = (int)n - x - y;
  double lp = gsl_sf_lnfact((unsigned)n) - gsl_sf_lnfact((unsigned)x) -
              gsl_sf_lnfact((unsigned)y) - gsl_sf_lnfact((unsigned)z);
  const double k[3] = {(double)c->promoters, (double)c->passives,
                       (double)c->detractors};
  const int e[3] = {x, y, z};
  for (int i = 0; i < 3; i++) {
    if (e[i] == 0)
      continue;
    if (k[i] == 0)
      return -INFINITY;
    lp += e[i] * log(k[i] / n);
  }
  return lp;
}

/* The B -> infinity bootstrap: exact F*(0) (ties half), Pr(t* >= 2 t_obs)
 * and the exact standard deviation of Delta*. */
static void exact_bootstrap(const nps_counts *g1, const nps_counts *g2,
                            double *f0, double *pshift2, double *sd) {
  int n1 = (int)nps_counts_total(g1), n2 = (int)nps_counts_total(g2);
  long t_obs = (long)n2 * ((long)g1->promoters - (long)g1->detractors) -
               (long)n1 * ((long)g2->promoters - (long)g2->detractors);
  double below = 0, up = 0, lo = 0, m1 = 0, m2 = 0;
  for (int x1 = 0; x1 <= n1; x1++)
    for (int y1 = 0; x1 + y1 <= n1; y1++)
      for (int x2 = 0; x2 <= n2; x2++)
        for (int y2 = 0; x2 + y2 <= n2; y2++) {
          double pr =
              exp(multinomial_lpmf(g1, x1, y1) + multinomial_lpmf(g2, x2, y2));
          long t =
              (long)n2 * (2L * x1 + y1 - n1) - (long)n1 * (2L * x2 + y2 - n2);
          below += pr * (t < 0 ? 1.0 : t == 0 ? 0.5 : 0.0);
          long a = labs(t_obs);
          up += pr * (t > t_obs + a ? 1.0 : t == t_obs + a ? 0.5 : 0.0);
          lo += pr * (t < t_obs - a ? 1.0 : t == t_obs - a ? 0.5 : 0.0);
          double dlt = (double)t / ((double)n1 * n2);
          m1 += pr * dlt;
          m2 += pr * dlt * dlt;
        }
  *f0 = below;
  *pshift2 = up + lo;
  *sd = sqrt(m2 - m1 * m1);
}

/* p-values and SE of B = 200,000 replicates against the exact bootstrap
 * distribution, within 5 Monte Carlo standard errors. */
static void test_bootstrap_exact_distribution(void **state) {
  (void)state;
  const nps_counts cases[][2] = {
      {{5, 3, 2}, {4, 3, 3}}, {{6, 1, 1}, {2, 3, 7}}, {{9, 1, 0}, {5, 2, 3}}};
  gsl_rng *rng = rng_seeded(7);
  const size_t B = 200000;
  double *v = malloc(B * sizeof *v);
  assert_non_null(v);
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    const nps_counts *a = &cases[i][0], *b = &cases[i][1];
    double f0, ps, sd;
    exact_bootstrap(a, b, &f0, &ps, &sd);
    nps_test2_result r;
    assert_int_equal(
        nps_test2_bootstrap(a, b, NPS_ALT_TWO_SIDED, 0.95, B, rng, v, &r),
        NPS_OK);
    double pw = fmin(1.0, 2.0 * fmin(f0, 1.0 - f0));
    double tol = 5.0 * 2.0 * sqrt(f0 * (1.0 - f0) / (double)B) + 1e-12;
    assert_double_near(r.p_percentile, pw, tol);
    assert_double_near(r.p_shift, ps, 5.0 * sqrt(ps * (1 - ps) / (double)B));
    assert_double_near(r.se, sd, 5.0 * sd / sqrt(2.0 * (double)B));
    assert_true(r.draws == B);
    /* the buffer holds the sorted replicates whose sd is r.se */
    double mean = 0, ss = 0;
    for (size_t k = 0; k < B; k++) {
      if (k)
        assert_true(v[k - 1] <= v[k]);
      mean += v[k];
    }
    mean /= (double)B;
    for (size_t k = 0; k < B; k++)
      ss += (v[k] - mean) * (v[k] - mean);
    assert_double_near(r.se, sqrt(ss / (double)(B - 1)), 1e-12);
    /* one-sided percentile p is F*(0) itself */
    assert_int_equal(
        nps_test2_bootstrap(a, b, NPS_ALT_GREATER, 0.95, B, rng, NULL, &r),
        NPS_OK);
    assert_double_near(r.p_percentile, f0,
                       5.0 * sqrt(f0 * (1.0 - f0) / (double)B) + 1e-12);
  }
  free(v);
  gsl_rng_free(rng);
}

/* On the reference data the bootstrap agrees with the Wald test up to
 * Monte Carlo error: SE = sqrt(V1/n1 + V2/n2) exactly in expectation. */
static void test_bootstrap_reference(void **state) {
  (void)state;
  gsl_rng *rng = rng_seeded(11);
  const ref2 *f = &refs[1];
  nps_test2_result r;
  assert_int_equal(nps_test2_bootstrap(&f->g1, &f->g2, NPS_ALT_TWO_SIDED, 0.95,
                                       50000, rng, NULL, &r),
                   NPS_OK);
  assert_double_near(r.diff, f->w_diff, 1e-15);
  assert_double_near(r.se, f->w_se, 5.0 * f->w_se / sqrt(2.0 * 50000.0));
  assert_true(r.bca_ok);
  /* Efron's two-sample acceleration from the central moments of the
   * +1/0/-1 scores, in exact fractions (Python's fractions module):
   * m2 = 0.5475, m3 = -0.38025 for (120, 50, 30); m2 = 0.6375, m3 = -0.24375
   * for (95, 60, 45); a = (m3_1/200^2 - m3_2/200^2) / (6 (m2_1/200 +
   * m2_2/200)^1.5) = -0.0012470643886921607 (with n1 = n2 it is also the
   * leave-one-out jackknife value, checked by test_accel). */
  assert_double_near(r.accel, -0.0012470643886921607, 1e-15);
  /* the percentile interval is close to Wald's (grid step 0.005) */
  assert_double_near(r.ci_percentile.lo, f->w_lo, 0.01);
  assert_double_near(r.ci_percentile.hi, f->w_hi, 0.01);
  assert_double_near(r.p_percentile, f->w_p, 0.004);
  /* test2.h: p inverts the percentile interval (ci_alt); near the Wald p */
  assert_double_near(r.p, f->w_p, 0.004);
  assert_double_near(r.ci_alt.lo, r.ci_percentile.lo, 0.0);
  assert_double_near(r.p_mc_se, sqrt(r.p * (1 - r.p) / 50000.0), 1e-15);
  /* The same draws at level 1 - (p +- 1e-6): the percentile interval excludes 0
   * just above alpha = p and contains it just below. */
  nps_test2_result lo, hi;
  gsl_rng_set(rng, 11);
  assert_int_equal(nps_test2_bootstrap(&f->g1, &f->g2, NPS_ALT_TWO_SIDED,
                                       1.0 - (r.p + 1e-6), 50000, rng, NULL,
                                       &hi),
                   NPS_OK);
  gsl_rng_set(rng, 11);
  assert_int_equal(nps_test2_bootstrap(&f->g1, &f->g2, NPS_ALT_TWO_SIDED,
                                       1.0 - (r.p - 1e-6), 50000, rng, NULL,
                                       &lo),
                   NPS_OK);
  assert_double_near(hi.p, r.p, 0.0); /* p does not depend on the level */
  assert_true(hi.ci_alt.lo > 0.0 || hi.ci_alt.hi < 0.0);
  assert_true(lo.ci_alt.lo <= 0.0 && lo.ci_alt.hi >= 0.0);
  gsl_rng_free(rng);
}

/* One-sided: ci_alt is the bound of the alternative and agrees with p,
 * for the z tests (bound Delta - z_level se) and the bootstrap. The
 * counts are the audit's (12, 10, 8) and (20, 5, 5): Wald Delta =
 * 0.3666667, se = 0.2025..., z_0.95 = 1.6448536 (scipy.stats.norm.ppf). */
static void test_one_sided_bounds(void **state) {
  (void)state;
  nps_counts x = {12, 10, 8}, y = {20, 5, 5};
  nps_test2_result w, b;
  assert_int_equal(nps_test2_wald(&y, &x, NPS_ALT_GREATER, 0.95, &w), NPS_OK);
  assert_double_near(w.ci_alt.lo, w.diff - 1.6448536269514722 * w.se, 1e-12);
  assert_double_near(w.ci_alt.hi, 2.0, 0.0);
  assert_true((w.ci_alt.lo > 0.0) == (w.p < 0.05));
  assert_int_equal(nps_test2_wald(&y, &x, NPS_ALT_LESS, 0.95, &w), NPS_OK);
  assert_double_near(w.ci_alt.lo, -2.0, 0.0);
  assert_true((w.ci_alt.hi < 0.0) == (w.p < 0.05));
  gsl_rng *rng = rng_seeded(5);
  for (double level = 0.90; level < 0.999; level += 0.01) {
    gsl_rng_set(rng, 5);
    assert_int_equal(nps_test2_bootstrap(&y, &x, NPS_ALT_GREATER, level, 2000,
                                         rng, NULL, &b),
                     NPS_OK);
    assert_double_near(b.ci_alt.hi, 2.0, 0.0);
    assert_true((b.ci_alt.lo > 0.0) == (b.p < 1.0 - level));
  }
  gsl_rng_free(rng);
}

static void test_bootstrap_deterministic(void **state) {
  (void)state;
  gsl_rng *r1 = rng_seeded(3), *r2 = rng_seeded(3);
  nps_test2_result a, b;
  assert_int_equal(nps_test2_bootstrap(&refs[0].g1, &refs[0].g2, NPS_ALT_LESS,
                                       0.9, 999, r1, NULL, &a),
                   NPS_OK);
  assert_int_equal(nps_test2_bootstrap(&refs[0].g1, &refs[0].g2, NPS_ALT_LESS,
                                       0.9, 999, r2, NULL, &b),
                   NPS_OK);
  assert_double_near(a.p, b.p, 0.0);
  assert_double_near(a.ci.lo, b.ci.lo, 0.0);
  assert_double_near(a.se, b.se, 0.0);
  gsl_rng_free(r1);
  gsl_rng_free(r2);
}

static void test_bootstrap_degenerate(void **state) {
  (void)state;
  gsl_rng *rng = rng_seeded(5);
  nps_counts a = {20, 0, 0}, b = {0, 0, 30};
  nps_test2_result r;
  assert_int_equal(
      nps_test2_bootstrap(&a, &b, NPS_ALT_TWO_SIDED, 0.95, 100, rng, NULL, &r),
      NPS_OK);
  assert_non_null(r.note);
  assert_double_near(r.diff, 2.0, 1e-15);
  assert_double_near(r.se, 0.0, 0.0);
  assert_double_nan(r.p);
  assert_int_equal(
      nps_test2_bootstrap(&a, &b, NPS_ALT_TWO_SIDED, 0.95, 1, rng, NULL, &r),
      NPS_EINVAL);
  assert_int_equal(
      nps_test2_bootstrap(&a, &b, NPS_ALT_TWO_SIDED, 0.95, 100, NULL, NULL, &r),
      NPS_EINVAL);
  gsl_rng_free(rng);
}

/* Huge n costs what small n does, and gives the Wald answer. */
static void test_bootstrap_huge_n(void **state) {
  (void)state;
  gsl_rng *rng = rng_seeded(13);
  nps_counts a = {500000000000u, 300000000000u, 200000000000u};
  nps_counts b = {499000000000u, 301000000000u, 200000000000u};
  nps_test2_result r, w;
  assert_int_equal(nps_test2_bootstrap(&a, &b, NPS_ALT_TWO_SIDED, 0.95, 20000,
                                       rng, NULL, &r),
                   NPS_OK);
  assert_int_equal(nps_test2_wald(&a, &b, NPS_ALT_TWO_SIDED, 0.95, &w), NPS_OK);
  assert_double_near(r.diff, 0.001, 1e-15);
  assert_double_near(r.se, w.se, 5.0 * w.se / sqrt(40000.0));
  assert_true(r.p < 1e-3 && w.p < 1e-100);
  gsl_rng_free(rng);
}

/* ---- acceleration ----------------------------------------------------- */

/* Efron's jackknife acceleration computed over rows: leave out each row of
 * the pooled sample, recompute Delta, a = sum d^3 / (6 (sum d^2)^1.5) with
 * d = mean(Delta_(.)) within ... - Delta_(i). With the leave-one-out
 * deviations of a mean, (s - theta) / (n_g - 1), and equal n this equals
 * the influence form of nps_test2_boot_accel. */
static double jackknife_accel(const nps_counts *g1, const nps_counts *g2) {
  int s[600];
  int N = pooled_scores(g1, g2, s);
  int n1 = (int)nps_counts_total(g1), n2 = N - n1;
  double t1 = 0, t2 = 0;
  for (int i = 0; i < n1; i++)
    t1 += s[i];
  for (int i = n1; i < N; i++)
    t2 += s[i];
  double num = 0, den = 0;
  for (int g = 0; g < 2; g++) {
    int lo = g ? n1 : 0, hi = g ? N : n1, ng = hi - lo;
    double mean_loo = 0;
    double *loo = malloc((size_t)ng * sizeof *loo);
    for (int i = lo; i < hi; i++) {
      double d = g ? t1 / n1 - (t2 - s[i]) / (n2 - 1)
                   : (t1 - s[i]) / (n1 - 1) - t2 / n2;
      loo[i - lo] = d;
      mean_loo += d / ng;
    }
    for (int i = 0; i < ng; i++) {
      double d = mean_loo - loo[i];
      num += d * d * d;
      den += d * d;
    }
    free(loo);
  }
  return num / (6.0 * pow(den, 1.5));
}

/* The influence form over rows, for unequal n. */
static double influence_accel(const nps_counts *g1, const nps_counts *g2) {
  int s[600];
  int N = pooled_scores(g1, g2, s);
  int n1 = (int)nps_counts_total(g1), n2 = N - n1;
  double th[2] = {0, 0};
  for (int i = 0; i < N; i++)
    th[i >= n1] += (double)s[i] / (i >= n1 ? n2 : n1);
  double num = 0, den = 0;
  for (int i = 0; i < N; i++) {
    int g = i >= n1;
    double ng = g ? n2 : n1;
    double u = (g ? -1.0 : 1.0) * (s[i] - th[g]) / ng;
    num += u * u * u;
    den += u * u;
  }
  return num / (6.0 * pow(den, 1.5));
}

static void test_accel(void **state) {
  (void)state;
  const nps_counts eq[][2] = {{{50, 30, 20}, {40, 30, 30}},
                              {{9, 1, 0}, {2, 2, 6}},
                              {{100, 20, 5}, {60, 40, 25}}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(eq); i++)
    assert_double_near(nps_test2_boot_accel(&eq[i][0], &eq[i][1]),
                       jackknife_accel(&eq[i][0], &eq[i][1]), 1e-12);
  const nps_counts uneq[][2] = {{{120, 50, 30}, {45, 30, 25}},
                                {{2, 1, 7}, {150, 40, 10}}};
  for (size_t i = 0; i < NPS_ARRAY_LEN(uneq); i++)
    assert_double_near(nps_test2_boot_accel(&uneq[i][0], &uneq[i][1]),
                       influence_accel(&uneq[i][0], &uneq[i][1]), 1e-12);
  /* a one-category second group leaves the one-sample acceleration */
  nps_counts g = {45, 35, 20}, flat = {0, 70, 0};
  assert_double_near(nps_test2_boot_accel(&g, &flat), nps_boot_accel(&g),
                     1e-15);
  nps_counts empty = {0, 0, 0};
  assert_double_near(nps_test2_boot_accel(&g, &empty), 0.0, 0.0);
  assert_double_near(nps_test2_boot_accel(&flat, &flat), 0.0, 0.0);
}

/* ---- paired ----------------------------------------------------------- */

/* count[i][j]: sample-1 category i (0 detractor, 1 passive, 2 promoter),
 * sample-2 category j. Hand computation (Python): n = 50, sum d = 12,
 * sum d^2 = 42, mean 0.24, sd^2 = (42 - 50 * 0.24^2) / 49. */
static void test_paired(void **state) {
  (void)state;
  nps_paired t = {{{5, 2, 1}, {3, 10, 4}, {6, 5, 14}}};
  nps_test2_result r;
  assert_int_equal(nps_test2_paired(&t, NPS_ALT_TWO_SIDED, 0.95, &r), NPS_OK);
  assert_int_equal(r.method, NPS_TEST2_PAIRED);
  assert_true(r.n1 == 50 && r.n2 == 50);
  assert_double_near(r.nps1, 0.34, 1e-15);
  assert_double_near(r.nps2, 0.10, 1e-15);
  assert_double_near(r.diff, 0.24, 1e-15);
  assert_double_near(r.se, 0.12636196792854848, 1e-14);
  assert_double_near(r.z, 1.8993056529137649, 1e-12);
  assert_double_near(r.p, 0.05752430005637321, 1e-12);
  assert_double_near(r.ci.lo, -0.007664906155560397, 1e-12);
  assert_double_near(r.ci.hi, 0.48766490615556035, 1e-12);
  assert_int_equal(nps_test2_paired(&t, NPS_ALT_GREATER, 0.95, &r), NPS_OK);
  assert_double_near(r.p, 0.028762150028186606, 1e-12);
  /* index macro: promoters are index 2 */
  assert_int_equal(NPS_PAIRED_INDEX(NPS_PROMOTER), 2);
  assert_int_equal(NPS_PAIRED_INDEX(NPS_DETRACTOR), 0);
  /* one-sided bound: 0.24 - z_0.95 SE = 0.0321530587 (Python
   * NormalDist), above 0 as p < 0.05 */
  assert_double_near(r.ci.lo, 0.0321530587, 1e-9);
  assert_double_near(r.ci.hi, 2.0, 0.0);
  /* everybody moved one step up: no spread in d, the z test is
   * undefined: no z, p or interval */
  nps_paired up = {{{0, 0, 0}, {4, 0, 0}, {0, 6, 0}}};
  assert_int_equal(nps_test2_paired(&up, NPS_ALT_TWO_SIDED, 0.95, &r), NPS_OK);
  assert_non_null(r.note);
  assert_double_near(r.diff, 1.0, 0.0);
  assert_double_near(r.se, 0.0, 0.0);
  assert_double_nan(r.p);
  assert_double_nan(r.z);
  assert_double_nan(r.ci.lo);
  assert_double_nan(r.ci.hi);
  nps_paired one = {{{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}};
  assert_int_equal(nps_test2_paired(&one, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_EEMPTY);
  assert_int_equal(nps_test2_paired(&t, NPS_ALT_TWO_SIDED, 0.0, &r),
                   NPS_EINVAL);
}

/* A paired table with c[k] respondents whose change d is k - 2. */
static nps_paired changes(const uint64_t c[5]) {
  nps_paired t = {{{0}}};
  t.count[0][2] = c[0]; /* promoter before, detractor after: d = -2 */
  t.count[0][1] = c[1];
  t.count[1][1] = c[2];
  t.count[1][0] = c[3];
  t.count[2][0] = c[4];
  return t;
}

/* Exact sign-flip p-values, from a full enumeration of the sign patterns
 * with integer weights (Python, math.comb and fractions; the script sums
 * C(m1, a) C(m2, b) over every (a, b) with |S| >= |s| and with |S| > |s|,
 * and likewise S >= s, S > s, S <= s, S < s, S = (2a - m1) + 2 (2b - m2),
 * over 2^(m1 + m2)). p counts the ties whole; the mid-p is the mean of the
 * "at least as extreme" and "more extreme" sums. */
static void test_sign_flip(void **state) {
  (void)state;
  static const struct {
    uint64_t c[5];  /* respondents with d = -2, -1, 0, +1, +2 */
    double two;     /* two-sided, ties counted whole: p */
    double mid;     /* two-sided mid-p: p_mid */
    double greater; /* one-sided, ties whole */
    double less;
    double greater_mid; /* one-sided mid-p */
  } cases[] = {
      {{0, 0, 0, 0, 5}, 0.0625, 0.03125, 0.03125, 1.0, 0.015625},
      {{1, 2, 10, 6, 3},
       0.15478515625,
       0.10888671875,
       0.077392578125,
       0.968505859375,
       0.054443359375},
      {{1, 6, 29, 8, 6},
       0.0885763168334961,
       0.06556177139282227,
       0.04428815841674805,
       0.9787263870239258,
       0.03278088569641113},
      {{30, 80, 300, 120, 50},
       0.0005013288393599472,
       0.00042971195768592307,
       0.0002506644196799736,
       0.9998209524619941,
       0.00021485597884296153},
      {{420, 1300, 6000, 1500, 400},
       0.04142281786047579,
       0.04017613838226102,
       0.020711408930237894,
       0.9805352705479768,
       0.02008806919113051},
      /* sum 0: two-sided p and mid-p are 1 by definition (the formulas
       * would give 1 and 0.8984375); one-sided 77/128 and mid-p 0.5 */
      {{1, 3, 0, 3, 1}, 1.0, 1.0, 0.6015625, 0.6015625, 0.5},
  };
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    nps_paired t = changes(cases[i].c);
    nps_test2_result r, z;
    assert_int_equal(nps_test2_sign_flip(&t, NPS_ALT_TWO_SIDED, 0.95, &r),
                     NPS_OK);
    assert_int_equal(r.method, NPS_TEST2_SIGN_FLIP);
    assert_true(r.exact);
    assert_double_near(r.p, cases[i].two, 1e-12 + 1e-9 * cases[i].two);
    assert_double_near(r.p_conservative, r.p, 0.0);
    assert_double_near(r.p_mid, cases[i].mid, 1e-12 + 1e-9 * cases[i].mid);
    /* difference and SE are the paired z test's */
    assert_int_equal(nps_test2_paired(&t, NPS_ALT_TWO_SIDED, 0.95, &z), NPS_OK);
    assert_double_near(r.diff, z.diff, 0.0);
    assert_double_near(r.se, z.se, 0.0);
    /* the interval agrees with p, at two levels */
    assert_true((r.ci.lo > 0.0 || r.ci.hi < 0.0) == (r.p < 0.05));
    assert_int_equal(nps_test2_sign_flip(&t, NPS_ALT_TWO_SIDED, 0.9, &r),
                     NPS_OK);
    assert_true((r.ci.lo > 0.0 || r.ci.hi < 0.0) == (r.p < 0.1));
    assert_int_equal(nps_test2_sign_flip(&t, NPS_ALT_GREATER, 0.95, &r),
                     NPS_OK);
    assert_double_near(r.p, cases[i].greater, 1e-12 + 1e-9 * cases[i].greater);
    assert_double_near(r.p_mid, cases[i].greater_mid,
                       1e-12 + 1e-9 * cases[i].greater_mid);
    /* one-sided: the lower bound, above 0 exactly when p < 0.05 */
    assert_double_near(r.ci.hi, 2.0, 0.0);
    assert_true((r.ci.lo > 0.0) == (r.p < 0.05));
    assert_int_equal(nps_test2_sign_flip(&t, NPS_ALT_LESS, 0.95, &r), NPS_OK);
    assert_double_near(r.p, cases[i].less, 1e-12 + 1e-9 * cases[i].less);
    assert_double_near(r.ci.lo, -2.0, 0.0);
    assert_true((r.ci.hi < 0.0) == (r.p < 0.05));
  }
  /* five respondents all +2: p = 2/32 = 0.0625, not significant at 5%
   * (the mid-p 1/32 would be). Test-based interval (Python NormalDist):
   * SE = 2 / z_{1 - 1/32} = 1.0736918, lower end 2 - 1.959964 SE =
   * -0.1043973, so it contains 0; upper end cut at +2. */
  nps_paired all_up = changes((const uint64_t[5]){0, 0, 0, 0, 5});
  nps_test2_result r;
  assert_int_equal(nps_test2_sign_flip(&all_up, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_OK);
  assert_double_near(r.diff, 2.0, 0.0);
  assert_double_near(r.p, 0.0625, 1e-15);
  assert_double_near(r.ci.lo, -0.1043973, 1e-6);
  assert_double_near(r.ci.hi, 2.0, 0.0);
  /* greater: p = 1/32, one-sided bound 2 - 1.644854 * 2 / z_{1 - 1/32}
   * = 0.2339341 (Python NormalDist) */
  assert_int_equal(nps_test2_sign_flip(&all_up, NPS_ALT_GREATER, 0.95, &r),
                   NPS_OK);
  assert_double_near(r.p, 0.03125, 1e-15);
  assert_double_near(r.ci.lo, 0.2339341, 1e-6);
  /* less: p = 1, no test-based SE; the bound holds 0 */
  assert_int_equal(nps_test2_sign_flip(&all_up, NPS_ALT_LESS, 0.95, &r),
                   NPS_OK);
  assert_double_near(r.p, 1.0, 0.0);
  assert_true(r.ci.hi >= 0.0);
  /* (1, 2, 10, 6, 3): d = 8/22, p 0.15478515625, SE = d / z_{1-p/2},
   * interval [-0.1372764, 0.8645491] (Python NormalDist) */
  nps_paired mixed = changes(cases[1].c);
  assert_int_equal(nps_test2_sign_flip(&mixed, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_OK);
  assert_double_near(r.ci.lo, -0.1372764, 1e-6);
  assert_double_near(r.ci.hi, 0.8645491, 1e-6);
  /* nobody changed (20 respondents, d = 0): no test-based SE; the SE of
   * the changes with a +1 and a -1 added, by hand: n = 22, mean 0, sum of
   * squares 2, variance 2 / 21, SE sqrt(2 / 21 / 22) = 0.0657951, interval
   * 0 -+ 1.959964 SE = -+0.1289561 */
  nps_paired still = changes((const uint64_t[5]){0, 0, 20, 0, 0});
  assert_int_equal(nps_test2_sign_flip(&still, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_OK);
  assert_double_near(r.p, 1.0, 0.0);
  assert_double_near(r.ci.lo, -0.1289561, 1e-6);
  assert_double_near(r.ci.hi, 0.1289561, 1e-6);
  /* errors as the paired z test; the dispatcher refuses it */
  nps_paired one = {{{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}};
  assert_int_equal(nps_test2_sign_flip(&one, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_EEMPTY);
  assert_int_equal(nps_test2_sign_flip(&mixed, NPS_ALT_TWO_SIDED, 1.0, &r),
                   NPS_EINVAL);
  nps_counts g = {5, 3, 2};
  nps_test2_request req = {
      NPS_TEST2_SIGN_FLIP, NPS_ALT_TWO_SIDED, 0.95, 0, 0, NULL, NULL};
  assert_int_equal(nps_test2_compute(&g, &g, &req, &r), NPS_EINVAL);
}

/* ---- errors, degenerate data, dispatch, names ------------------------- */

static void test_wald_degenerate(void **state) {
  (void)state;
  nps_counts a = {10, 0, 0}, b = {0, 0, 10}, c = {0, 0, 7};
  nps_test2_result r;
  assert_int_equal(nps_test2_wald(&a, &b, NPS_ALT_TWO_SIDED, 0.95, &r), NPS_OK);
  assert_non_null(r.note);
  assert_double_near(r.diff, 2.0, 0.0);
  assert_double_near(r.p, 0.0, 0.0);
  assert_true(isinf(r.z) && r.z > 0);
  assert_int_equal(nps_test2_wald(&a, &b, NPS_ALT_LESS, 0.95, &r), NPS_OK);
  assert_double_near(r.p, 1.0, 0.0);
  assert_int_equal(nps_test2_wald(&b, &c, NPS_ALT_TWO_SIDED, 0.95, &r), NPS_OK);
  assert_double_near(r.p, 1.0, 0.0);
  assert_double_nan(r.z);
  /* the adjusted test is defined there */
  assert_int_equal(nps_test2_adjusted_wald(&a, &b, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_OK);
  assert_true(r.p < 1e-10);
  assert_null(r.note);
  /* permutation: 2 of the C(20, 10) splits are as extreme, both ties */
  assert_int_equal(
      nps_test2_permutation(&a, &b, NPS_ALT_TWO_SIDED, 0.95, 0, 0, NULL, &r),
      NPS_OK);
  assert_double_near(r.p_conservative, 2.0 / 184756.0, 1e-18);
  assert_double_near(r.p, 1.0 / 184756.0, 1e-18);
}

static void test_errors(void **state) {
  (void)state;
  nps_counts a = {5, 3, 2}, empty = {0, 0, 0};
  nps_test2_result r;
  assert_int_equal(nps_test2_wald(&a, &empty, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_EEMPTY);
  assert_int_equal(
      nps_test2_adjusted_wald(&empty, &a, NPS_ALT_TWO_SIDED, 0.95, &r),
      NPS_EEMPTY);
  assert_int_equal(nps_test2_permutation(&a, &empty, NPS_ALT_TWO_SIDED, 0.95, 0,
                                         0, NULL, &r),
                   NPS_EEMPTY);
  assert_int_equal(nps_test2_wald(&a, &a, NPS_ALT_TWO_SIDED, 1.0, &r),
                   NPS_EINVAL);
  assert_int_equal(nps_test2_wald(&a, &a, (nps_alternative)7, 0.95, &r),
                   NPS_EINVAL);
  assert_int_equal(
      nps_test2_permutation(&a, &a, NPS_ALT_TWO_SIDED, 0.95, -1, 0, NULL, &r),
      NPS_EINVAL);
  nps_counts huge = {UINT64_MAX, 1, 0};
  assert_int_equal(nps_test2_wald(&huge, &a, NPS_ALT_TWO_SIDED, 0.95, &r),
                   NPS_EOVERFLOW);
  assert_double_nan(r.p);
}

static void test_compute(void **state) {
  (void)state;
  gsl_rng *rng = rng_seeded(17);
  const ref2 *f = &refs[0];
  nps_test2_request req = {
      NPS_TEST2_ADJUSTED_WALD, NPS_ALT_TWO_SIDED, 0.95, 0, 0, NULL, NULL};
  nps_test2_result r;
  assert_int_equal(nps_test2_compute(&f->g1, &f->g2, &req, &r), NPS_OK);
  assert_null(r.note);
  assert_double_near(r.p, f->a_p, REF_TOL);
  req.method = NPS_TEST2_PERMUTATION;
  assert_int_equal(nps_test2_compute(&f->g1, &f->g2, &req, &r), NPS_OK);
  assert_double_near(r.p_diff, f->perm_p, REF_TOL);
  req.method = NPS_TEST2_BOOTSTRAP;
  assert_int_equal(nps_test2_compute(&f->g1, &f->g2, &req, &r),
                   NPS_EINVAL); /* no generator */
  req.rng = rng;
  assert_int_equal(nps_test2_compute(&f->g1, &f->g2, &req, &r), NPS_OK);
  assert_true(r.draws == NPS_TEST2_DEFAULT_DRAWS);
  /* fallback on one-category groups */
  nps_counts a = {10, 0, 0}, b = {0, 10, 0};
  assert_int_equal(nps_test2_compute(&a, &b, &req, &r), NPS_OK);
  assert_int_equal(r.method, NPS_TEST2_ADJUSTED_WALD);
  assert_non_null(r.note);
  req.method = NPS_TEST2_PAIRED;
  assert_int_equal(nps_test2_compute(&a, &b, &req, &r), NPS_EINVAL);
  gsl_rng_free(rng);
}

static void test_names(void **state) {
  (void)state;
  nps_test2_method m;
  nps_alternative alt;
  const char *names[] = {"wald",        "adjusted-wald", "bootstrap",
                         "permutation", "paired",        "sign-flip"};
  for (size_t i = 0; i < NPS_ARRAY_LEN(names); i++) {
    assert_int_equal(nps_test2_method_parse(names[i], &m), NPS_OK);
    assert_string_equal(nps_test2_method_name(m), names[i]);
  }
  assert_int_equal(nps_test2_method_parse("t-test", &m), NPS_EINVAL);
  const char *alts[] = {"two-sided", "greater", "less"};
  for (size_t i = 0; i < NPS_ARRAY_LEN(alts); i++) {
    assert_int_equal(nps_alternative_parse(alts[i], &alt), NPS_OK);
    assert_string_equal(nps_alternative_name(alt), alts[i]);
  }
  assert_int_equal(nps_alternative_parse("bigger", &alt), NPS_EINVAL);
  assert_int_equal(nps_alternative_parse(NULL, &alt), NPS_EINVAL);
}

int main(void) {
  gsl_set_error_handler_off();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wald_reference),
      cmocka_unit_test(test_adjusted_wald_reference),
      cmocka_unit_test(test_permutation_reference),
      cmocka_unit_test(test_permutation_brute_force),
      cmocka_unit_test(test_permutation_table_count),
      cmocka_unit_test(test_permutation_monte_carlo),
      cmocka_unit_test(test_permutation_huge_flat),
      cmocka_unit_test(test_bootstrap_exact_distribution),
      cmocka_unit_test(test_bootstrap_reference),
      cmocka_unit_test(test_one_sided_bounds),
      cmocka_unit_test(test_bootstrap_deterministic),
      cmocka_unit_test(test_bootstrap_degenerate),
      cmocka_unit_test(test_bootstrap_huge_n),
      cmocka_unit_test(test_accel),
      cmocka_unit_test(test_paired),
      cmocka_unit_test(test_sign_flip),
      cmocka_unit_test(test_wald_degenerate),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_compute),
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_permutation_huge),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
