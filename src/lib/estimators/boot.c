/*
 * boot.c - the multinomial bootstrap for one NPS.
 *
 * A bootstrap sample of n rows drawn with replacement has category counts
 * Multinomial(n, p-hat); drawing those counts directly is the same
 * distribution at O(1) cost per replicate, whatever n is. This file draws
 * replicates, sorts them (counting instead of comparing when the grid of
 * possible values k/n is small), and turns them into percentile and BCa
 * intervals (Efron 1987; DiCiccio and Efron 1996). Formulas and the
 * quantile and tie rules: docs/methods.md. It does not resample rows; the
 * tests keep a row-level resampler as a cross-check.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "internal.h"
#include "nps/boot.h"

uint64_t nps_boot_binomial(gsl_rng *r, double p, uint64_t n) {
  if (!(p > 0.0) || n == 0)
    return 0;
  if (p >= 1.0)
    return n;
  uint64_t k = 0;
  while (n > (uint64_t)INT_MAX) {
    uint64_t a = 1 + n / 2, b = n + 1 - a;
    double x = gsl_ran_beta(r, (double)a, (double)b);
    if (x >= p) { /* the a - 1 uniforms below x are U(0, x) */
      n = a - 1;
      p /= x;
    } else { /* a uniforms are below p; the b - 1 above x are U(x, 1) */
      k += a;
      n = b - 1;
      p = (p - x) / (1.0 - x);
    }
  }
  return k + gsl_ran_binomial(r, p, (unsigned int)n);
}

/* One replicate given n and the two conditional shares. */
static void draw_counts(gsl_rng *r, uint64_t n, double p_prom,
                        double p_pass_rest, nps_counts *out) {
  out->promoters = nps_boot_binomial(r, p_prom, n);
  uint64_t rest = n - out->promoters;
  out->passives = nps_boot_binomial(r, p_pass_rest, rest);
  out->detractors = rest - out->passives;
}

/* The shares used by draw_counts: P/n and A/(A + D). */
static void replicate_shares(const nps_counts *c, uint64_t n, double *p_prom,
                             double *p_pass_rest) {
  uint64_t rest = c->passives + c->detractors;
  *p_prom = n ? (double)c->promoters / (double)n : 0.0;
  *p_pass_rest = rest ? (double)c->passives / (double)rest : 0.0;
}

nps_status nps_boot_counts_replicate(const nps_counts *c, gsl_rng *r,
                                     nps_counts *out) {
  int overflow = 0;
  uint64_t n = nps_counts_total_checked(c, &overflow);
  memset(out, 0, sizeof *out);
  if (overflow)
    return NPS_EOVERFLOW;
  double pp, pa;
  replicate_shares(c, n, &pp, &pa);
  draw_counts(r, n, pp, pa, out);
  return NPS_OK;
}

nps_status nps_boot_hist_replicate(const nps_hist *h, gsl_rng *r,
                                   nps_hist *out) {
  uint64_t mass = 0;
  memset(out, 0, sizeof *out);
  for (int s = 0; s < NPS_NSCORES; s++) {
    if (mass > UINT64_MAX - h->count[s])
      return NPS_EOVERFLOW;
    mass += h->count[s];
  }
  uint64_t left = mass; /* responses still to place */
  for (int s = 0; s < NPS_NSCORES && left > 0; s++) {
    if (h->count[s] == 0)
      continue;
    uint64_t k =
        h->count[s] == mass
            ? left
            : nps_boot_binomial(r, (double)h->count[s] / (double)mass, left);
    out->count[s] = k;
    left -= k;
    mass -= h->count[s];
  }
  return NPS_OK;
}

/* B replicate values of P* - D* (as doubles), the numerators of NPS*. */
static void draw_diffs(const nps_counts *c, uint64_t n, size_t B, gsl_rng *r,
                       double *out) {
  double pp, pa;
  replicate_shares(c, n, &pp, &pa);
  for (size_t i = 0; i < B; i++) {
    nps_counts x;
    draw_counts(r, n, pp, pa, &x);
    out[i] = nps_count_diff(x.promoters, x.detractors);
  }
}

/* n of c for a bootstrap: NPS_EOVERFLOW past 2^64 - 1, NPS_EEMPTY for 0. */
static nps_status boot_total(const nps_counts *c, uint64_t *n) {
  int overflow = 0;
  *n = nps_counts_total_checked(c, &overflow);
  return overflow ? NPS_EOVERFLOW : *n == 0 ? NPS_EEMPTY : NPS_OK;
}

nps_status nps_boot_replicates(const nps_counts *c, size_t B, gsl_rng *r,
                               double *out) {
  uint64_t n;
  nps_status st = boot_total(c, &n);
  if (st != NPS_OK)
    return st;
  draw_diffs(c, n, B, r, out);
  for (size_t i = 0; i < B; i++)
    out[i] /= (double)n;
  return NPS_OK;
}

void nps_score_moments(const nps_counts *c, double *m2, double *m3) {
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  *m2 = *m3 = 0.0;
  if (n == 0.0)
    return;
  double pp = p / n, pa = a / n, pd = d / n, th = pp - pd;
  double up = 1.0 - th, down = -1.0 - th; /* promoter, detractor deviations */
  *m2 = pp * up * up + pa * th * th + pd * down * down;
  *m3 = pp * up * up * up - pa * th * th * th + pd * down * down * down;
}

double nps_boot_accel(const nps_counts *c) {
  double m2, m3;
  nps_score_moments(c, &m2, &m3);
  if (!(m2 > 0.0))
    return 0.0;
  return m3 / (6.0 * sqrt((double)nps_counts_total(c)) * pow(m2, 1.5));
}

double nps_boot_quantile(const double *sorted, size_t B, double q) {
  if (B == 1 || q <= 0.0)
    return sorted[0];
  if (q >= 1.0)
    return sorted[B - 1];
  double h = (double)(B - 1) * q;
  size_t i = (size_t)h;
  if (i >= B - 1)
    return sorted[B - 1];
  return sorted[i] + (h - (double)i) * (sorted[i + 1] - sorted[i]);
}

nps_status nps_boot_percentile(const double *sorted, size_t B, double level,
                               nps_interval *out) {
  *out = (nps_interval){NAN, NAN};
  if (B == 0 || !nps_level_valid(level))
    return NPS_EINVAL;
  double alpha = 1.0 - level;
  *out = (nps_interval){nps_boot_quantile(sorted, B, alpha / 2.0),
                        nps_boot_quantile(sorted, B, 1.0 - alpha / 2.0)};
  return NPS_OK;
}

size_t nps_sorted_count_below(const double *sorted, size_t B, double x,
                              int inclusive) {
  size_t lo = 0, hi = B;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sorted[mid] < x || (inclusive && sorted[mid] == x))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The BCa level for the normal quantile z; the limit 0 or 1 where the
 * acceleration's denominator vanishes. */
static double bca_level(double z0, double accel, double z) {
  double w = z0 + z, den = 1.0 - accel * w;
  if (!(den > 0.0))
    return w > 0.0 ? 1.0 : 0.0;
  return gsl_cdf_ugaussian_P(z0 + w / den);
}

double nps_boot_bca_limit(const double *sorted, size_t B, double z0,
                          double accel, double z) {
  return nps_boot_quantile(sorted, B, bca_level(z0, accel, z));
}

nps_status nps_boot_bca(const double *sorted, size_t B, double theta_hat,
                        double accel, double level, nps_interval *out,
                        double *z0) {
  nps_status st = nps_boot_percentile(sorted, B, level, out);
  if (z0)
    *z0 = NAN;
  if (st != NPS_OK)
    return st;
  size_t less = nps_sorted_count_below(sorted, B, theta_hat, 0);
  size_t leq = nps_sorted_count_below(sorted, B, theta_hat, 1);
  if (leq == 0 || less == B) { /* all above, or all below */
    if (z0)
      *z0 = leq == 0 ? -INFINITY : INFINITY;
    return NPS_OK;
  }
  double bias =
      gsl_cdf_ugaussian_Pinv(((double)less + (double)leq) / (2.0 * (double)B));
  double z = gsl_cdf_ugaussian_Pinv((1.0 - level) / 2.0);
  *out = (nps_interval){nps_boot_bca_limit(sorted, B, bias, accel, z),
                        nps_boot_bca_limit(sorted, B, bias, accel, -z)};
  if (z0)
    *z0 = bias;
  return NPS_OK;
}

int nps_compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts the B integer-valued diffs in [-n, n]: a counting sort when the
 * grid is no larger than about 2B (O(B + n)), else qsort. */
static void sort_diffs(double *v, size_t B, uint64_t n) {
  size_t *count = NULL;
  if (n <= (uint64_t)B)
    count = calloc(2 * (size_t)n + 1, sizeof *count);
  if (!count) {
    qsort(v, B, sizeof *v, nps_compare_doubles);
    return;
  }
  for (size_t i = 0; i < B; i++)
    count[(size_t)(v[i] + (double)n)]++;
  size_t j = 0;
  for (size_t k = 0; k <= 2 * (size_t)n; k++)
    for (size_t m = 0; m < count[k]; m++)
      v[j++] = (double)k - (double)n;
  free(count);
}

double nps_sample_sd(const double *v, size_t B) {
  double mean = 0.0, ss = 0.0;
  for (size_t i = 0; i < B; i++)
    mean += v[i];
  mean /= (double)B;
  for (size_t i = 0; i < B; i++)
    ss += (v[i] - mean) * (v[i] - mean);
  return sqrt(ss / (double)(B - 1));
}

static void boot_summarise(const nps_counts *c, double *v, size_t B, double n,
                           double level, nps_boot_result *out) {
  out->estimate = nps_count_diff(c->promoters, c->detractors) / n;
  out->replicates = B;
  out->se = nps_sample_sd(v, B);
  out->accel = nps_boot_accel(c);
  (void)nps_boot_percentile(v, B, level, &out->percentile);
  (void)nps_boot_bca(v, B, out->estimate, out->accel, level, &out->bca,
                     &out->z0);
  out->bca_ok = isfinite(out->z0);
}

double *nps_boot_buffer(double *work, size_t B) {
  if (work)
    return work;
  if (B > SIZE_MAX / sizeof(double))
    return NULL;
  return malloc(B * sizeof(double));
}

void nps_boot_buffer_done(double *buf, double *work) {
  if (buf != work)
    free(buf);
}

nps_status nps_boot_ci(const nps_counts *c, size_t B, double level, gsl_rng *r,
                       double *work, nps_boot_result *out) {
  memset(out, 0, sizeof *out);
  out->percentile = out->bca = (nps_interval){NAN, NAN};
  out->estimate = out->se = out->z0 = out->accel = NAN;
  if (B < 2 || !r || !nps_level_valid(level))
    return NPS_EINVAL;
  uint64_t n;
  nps_status st = boot_total(c, &n);
  if (st != NPS_OK)
    return st;
  double *v = nps_boot_buffer(work, B);
  if (!v)
    return NPS_ENOMEM;
  draw_diffs(c, n, B, r, v);
  sort_diffs(v, B, n);
  for (size_t i = 0; i < B; i++)
    v[i] /= (double)n;
  boot_summarise(c, v, B, (double)n, level, out);
  nps_boot_buffer_done(v, work);
  if (nps_counts_one_category(c))
    out->note = "all answers in one category: every replicate equals the "
                "estimate, so the intervals are points and se is 0";
  else if (!out->bca_ok)
    out->note = "every replicate fell on one side of the estimate: no BCa "
                "bias correction, the BCa interval is the percentile one";
  return NPS_OK;
}
