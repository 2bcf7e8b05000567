/*
 * test2_boot.c - the two-group multinomial bootstrap of Delta = theta1 -
 * theta2: replicates drawn as category counts, percentile and BCa
 * intervals, the one-sided bounds, and p-values: p by inverting the
 * percentile interval of the alternative, and beside it the BCa inversion,
 * the percentile share and the shifted null. Formulas: docs/methods.md,
 * "Two-sample tests".
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "nps/boot.h"
#include "test2_internal.h"

/* Note of a bootstrap without spread: both groups one-category. */
#define FLAT_GROUPS                                                            \
  "no spread: each sample has all its answers in one category, so every "      \
  "replicate equals the estimate and the bootstrap test is undefined"

/* Efron's multi-sample acceleration with empirical influences U = s -
 * theta1 (group 1) and -(s - theta2) (group 2), each over n_g:
 * a = sum U^3 / n_g^3 / (6 (sum U^2 / n_g^2)^(3/2)) (Efron 1987, sec. 10;
 * DiCiccio and Efron 1996), where sum over group g of U^3 = +-n_g m3_g and
 * of U^2 = n_g m2_g. */
double nps_test2_boot_accel(const nps_counts *g1, const nps_counts *g2) {
  double n1 = (double)nps_counts_total(g1), n2 = (double)nps_counts_total(g2);
  if (n1 == 0.0 || n2 == 0.0)
    return 0.0;
  double a2, a3, b2, b3;
  nps_score_moments(g1, &a2, &a3);
  nps_score_moments(g2, &b2, &b3);
  double s2 = a2 / n1 + b2 / n2;
  if (!(s2 > 0.0))
    return 0.0;
  return (a3 / (n1 * n1) - b3 / (n2 * n2)) / (6.0 * pow(s2, 1.5));
}

/* B replicates of t*. */
static void draw_scaled(const nps_counts *g1, const nps_counts *g2, double n1,
                        double n2, size_t B, gsl_rng *r, double *v) {
  for (size_t i = 0; i < B; i++) {
    nps_counts x1, x2;
    (void)nps_boot_counts_replicate(g1, r, &x1);
    (void)nps_boot_counts_replicate(g2, r, &x2);
    v[i] = nps_test2_scaled_diff(&x1, &x2, n1, n2);
  }
}

/* Number of sorted values below x, with values equal to x counted half,
 * as a share of B. */
static double share_below(const double *sorted, size_t B, double x) {
  size_t less = nps_sorted_count_below(sorted, B, x, 0);
  size_t leq = nps_sorted_count_below(sorted, B, x, 1);
  return ((double)less + (double)leq) / (2.0 * (double)B);
}

/* One-sided p-values (greater, less) into the p of alt; two-sided is
 * twice the smaller, at most 1. */
static double sided_p(double p_greater, double p_less, nps_alternative alt) {
  if (alt == NPS_ALT_GREATER)
    return p_greater;
  if (alt == NPS_ALT_LESS)
    return p_less;
  return fmin(1.0, 2.0 * fmin(p_greater, p_less));
}

/* Percentile inversion: the (1 - 2q) percentile interval has 0 as a limit
 * when q = F*(0), the share of replicates below 0 (ties half); so
 * p_greater = F*(0), p_less = 1 - F*(0). */
static double p_percentile(const double *t, size_t B, nps_alternative alt) {
  double f0 = share_below(t, B, 0.0);
  return sided_p(f0, 1.0 - f0, alt);
}

/* Shifted null: Delta* - Delta estimates the null law of Delta - 0, so
 * p_greater = Pr*(Delta* - Delta >= Delta), two-sided Pr*(|Delta* - Delta|
 * >= |Delta|); ties counted half. */
static double p_shift(const double *t, size_t B, double t_obs,
                      nps_alternative alt) {
  double pg = 1.0 - share_below(t, B, 2.0 * t_obs);
  double pl = share_below(t, B, 2.0 * t_obs);
  if (alt == NPS_ALT_GREATER)
    return pg;
  if (alt == NPS_ALT_LESS)
    return pl;
  double a = fabs(t_obs);
  /* |t - t_obs| >= a: t >= t_obs + a or t <= t_obs - a. */
  double upper = 1.0 - share_below(t, B, t_obs + a);
  double lower = share_below(t, B, t_obs - a);
  return fmin(1.0, upper + lower);
}

/* The law of Delta* behind the reported interval: its sorted replicates
 * and, when BCa is defined, z0 and the acceleration. */
typedef struct boot_law {
  const double *v;
  size_t B;
  double z0, accel;
  int bca;
} boot_law;

/* The interval's limit with tail probability q below it (upper = 0) or
 * above it (upper = 1): BCa at the normal quantile Phi^-1(q), else the
 * percentile quantile; the same calls nps_boot_bca and nps_boot_percentile
 * make. */
static double tail_limit(const boot_law *b, double q, int upper) {
  if (!b->bca)
    return nps_boot_quantile(b->v, b->B, upper ? 1.0 - q : q);
  double z = gsl_cdf_ugaussian_Pinv(q);
  return nps_boot_bca_limit(b->v, b->B, b->z0, b->accel, upper ? -z : z);
}

/* Whether the interval of alt at level 1 - a leaves 0 out: two-sided both
 * tails a / 2, one-sided the bound with tail a. */
static int excludes_zero(const boot_law *b, nps_alternative alt, double a) {
  if (alt == NPS_ALT_GREATER)
    return tail_limit(b, a, 0) > 0.0;
  if (alt == NPS_ALT_LESS)
    return tail_limit(b, a, 1) < 0.0;
  return tail_limit(b, a / 2.0, 0) > 0.0 || tail_limit(b, a / 2.0, 1) < 0.0;
}

/* p by inverting the reported interval: the smallest a at which the
 * interval of alt at level 1 - a leaves 0 out (it narrows as a grows, so
 * bisection finds it; 1 when no level does). Reporting the upper end of
 * the final bracket makes p < alpha imply the interval at 1 - alpha
 * excludes 0; the converse fails only for alpha within 2^-60 of p. */
static double p_inverted(const boot_law *b, nps_alternative alt) {
  double lo = 0.0, hi = 1.0;
  int found = 0;
  for (int i = 0; i < 60; i++) {
    double mid = 0.5 * (lo + hi);
    if (excludes_zero(b, alt, mid))
      hi = mid, found = 1;
    else
      lo = mid;
  }
  if (!found)
    return 1.0;
  return hi < 1e-15 ? 0.0 : hi;
}

/* The interval of alt at level: two-sided, or the one-sided bound with
 * the other end at the end of Delta's range. */
static nps_interval alt_interval(const boot_law *b, nps_alternative alt,
                                 double level) {
  double a = 1.0 - level;
  if (alt == NPS_ALT_GREATER)
    return (nps_interval){tail_limit(b, a, 0), 2.0};
  if (alt == NPS_ALT_LESS)
    return (nps_interval){-2.0, tail_limit(b, a, 1)};
  return (nps_interval){tail_limit(b, a / 2.0, 0), tail_limit(b, a / 2.0, 1)};
}

/* p-values from the sorted t*, then t* -> Delta*, the intervals, and p
 * from inverting the percentile interval of the alternative (ci_alt), so
 * that p < 1 - level exactly when ci_alt leaves 0 out. */
static void boot_summarise(double *v, size_t B, double t_obs, double scale,
                           nps_test2_result *out) {
  out->p_percentile = p_percentile(v, B, out->alternative);
  out->p_shift = p_shift(v, B, t_obs, out->alternative);
  for (size_t i = 0; i < B; i++)
    v[i] /= scale;
  out->diff = t_obs / scale;
  out->se = nps_sample_sd(v, B);
  (void)nps_boot_percentile(v, B, out->level, &out->ci_percentile);
  (void)nps_boot_bca(v, B, out->diff, out->accel, out->level, &out->ci,
                     &out->z0);
  out->bca_ok = isfinite(out->z0);
  /* The test's own interval is the percentile one: its inversion is the
   * p closest to alpha in the type-I study (docs/methods.md). */
  boot_law pct = {v, B, NAN, 0.0, 0}, bca = {v, B, out->z0, out->accel, 1};
  out->ci_alt = alt_interval(&pct, out->alternative, out->level);
  out->p = p_inverted(&pct, out->alternative);
  out->p_bca = out->bca_ok ? p_inverted(&bca, out->alternative) : out->p;
  double p = fmin(fmax(out->p, 0.0), 1.0);
  out->p_mc_se = sqrt(p * (1.0 - p) / (double)B);
}

nps_status nps_test2_bootstrap(const nps_counts *g1, const nps_counts *g2,
                               nps_alternative alt, double level, size_t B,
                               gsl_rng *r, double *replicates,
                               nps_test2_result *out) {
  nps_test2_clear(out, NPS_TEST2_BOOTSTRAP, alt, level);
  if (B < 2 || !r)
    return NPS_EINVAL;
  nps_status st = nps_test2_check_groups(g1, g2, alt, level, out);
  if (st != NPS_OK)
    return st;
  double *v = nps_boot_buffer(replicates, B);
  if (!v)
    return NPS_ENOMEM;
  double n1 = (double)out->n1, n2 = (double)out->n2;
  out->nps1 = nps_count_diff(g1->promoters, g1->detractors) / n1;
  out->nps2 = nps_count_diff(g2->promoters, g2->detractors) / n2;
  out->accel = nps_test2_boot_accel(g1, g2);
  out->draws = B;
  draw_scaled(g1, g2, n1, n2, B, r, v);
  qsort(v, B, sizeof *v, nps_compare_doubles);
  boot_summarise(v, B, nps_test2_scaled_diff(g1, g2, n1, n2), n1 * n2, out);
  nps_boot_buffer_done(v, replicates);
  if (nps_counts_one_category(g1) && nps_counts_one_category(g2)) {
    out->p = out->p_percentile = out->p_bca = out->p_shift = NAN;
    out->p_mc_se = NAN;
    out->note = FLAT_GROUPS;
  }
  return NPS_OK;
}
