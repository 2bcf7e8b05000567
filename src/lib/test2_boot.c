/*
 * test2_boot.c - the two-group multinomial bootstrap of Delta = theta1 -
 * theta2: replicates drawn as category counts, percentile and BCa
 * intervals, and three p-values (percentile and BCa inversion, shifted
 * null). Formulas: docs/methods.md, "Two-sample tests".
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "nps/boot.h"
#include "test2_internal.h"

/* Note of a bootstrap without spread: both groups one-category. */
#define FLAT_GROUPS                                                            \
  "each group has all its answers in one category: every replicate equals "    \
  "the estimate, no p-value"

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

/* BCa inversion: the BCa limit at normal quantile z is the replicate
 * quantile Phi(z0 + (z0 + z) / (1 - a (z0 + z))). Setting that level to
 * q = F*(0) gives w = Phi^-1(q) - z0, z = w / (1 + a w) - z0, and
 * p_greater = Phi(z). Where 1 + a w <= 0 the level is out of the BCa
 * map's range and p takes its limit; q = 0 or 1 gives 0 or 1. */
static double p_bca(const double *t, size_t B, double z0, double a,
                    nps_alternative alt) {
  double q = share_below(t, B, 0.0), pg;
  if (q <= 0.0 || q >= 1.0) {
    pg = q;
  } else {
    double w = gsl_cdf_ugaussian_Pinv(q) - z0, den = 1.0 + a * w;
    pg = den > 0.0 ? gsl_cdf_ugaussian_P(w / den - z0) : (w > 0.0 ? 1.0 : 0.0);
  }
  return sided_p(pg, 1.0 - pg, alt);
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

/* p-values from the sorted t*, then t* -> Delta* and the intervals. */
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
  if (out->bca_ok)
    out->p_bca = p_bca(v, B, out->z0, out->accel, out->alternative);
  else
    out->p_bca = out->p_percentile;
  out->p = out->p_percentile;
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
