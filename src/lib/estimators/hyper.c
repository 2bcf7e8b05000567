/*
 * hyper.c - the hypergeometric distribution for counts up to 2^64: its
 * support, mode, ratio recurrence, variance, and draws (the permutation
 * tests of test2_perm.c and multi_omnibus.c): exact by inversion outward
 * from the mode, or from the normal limit once the standard deviation
 * reaches NPS_HYPER_NORMAL_SD.
 */
#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "hyper.h"

uint64_t nps_min_u64(uint64_t a, uint64_t b) {
  return a < b ? a : b;
}

/* a - b, or 0 when b >= a. */
uint64_t nps_sub0(uint64_t a, uint64_t b) {
  return a > b ? a - b : 0;
}

nps_hyper nps_hyper_make(uint64_t K, uint64_t N, uint64_t t) {
  nps_hyper h = {K, N, t, nps_sub0(t, N - K), nps_min_u64(K, t), 0};
  double m = floor(((double)t + 1.0) * ((double)K + 1.0) / ((double)N + 2.0));
  h.mode = m <= (double)h.lo ? h.lo : m >= (double)h.hi ? h.hi : (uint64_t)m;
  return h;
}

/* f(j + 1) / f(j) for lo <= j < hi; N - K + j + 1 - t > 0 there. */
double nps_hyper_up(const nps_hyper *h, uint64_t j) {
  return ((double)(h->K - j) / (double)(j + 1)) *
         ((double)(h->t - j) / (double)(h->N - h->K + j + 1 - h->t));
}

/* Variance of the hypergeometric. */
double nps_hyper_var(const nps_hyper *h) {
  double N = (double)h->N, p = N > 0.0 ? (double)h->K / N : 0.0;
  double t = (double)h->t;
  return N > 1.0 ? t * p * (1.0 - p) * (N - t) / (N - 1.0) : 0.0;
}

/* ln C(n, k) by log-gamma. */
static double ln_choose(double n, double k) {
  return gsl_sf_lngamma(n + 1.0) - gsl_sf_lngamma(k + 1.0) -
         gsl_sf_lngamma(n - k + 1.0);
}

/* The normal limit rounded to the nearest integer in [lo, hi]: a
 * hypergeometric count is a sum of independent Bernoulli variables (its
 * generating polynomial has only real roots), so by the Berry-Esseen bound
 * (constant 0.56, Shevtsova 2010) P(X <= k) and P(round(mu + sd Z) <= k) =
 * Phi((k + 1/2 - mu) / sd) differ by at most 0.56 / sd; clamping to the
 * support keeps that. Cost O(1). */
static uint64_t normal_draw(gsl_rng *r, const nps_hyper *h, double sd) {
  double mu = (double)h->t * ((double)h->K / (double)h->N);
  double x = floor(mu + sd * gsl_ran_gaussian_ziggurat(r, 1.0) + 0.5);
  if (!(x > (double)h->lo))
    return h->lo;
  if (x >= (double)h->hi)
    return h->hi;
  return (uint64_t)x;
}

int nps_hyper_is_normal(const nps_hyper *h) {
  return h->lo != h->hi &&
         nps_hyper_var(h) >= NPS_HYPER_NORMAL_SD * NPS_HYPER_NORMAL_SD;
}

/* One draw by inversion outward from the mode: with the mode's
 * probability f0 from log-gamma, u / f0 is spent on f(j) / f(mode), taking
 * at each step the larger of the next values below and above the mode (an
 * order fixed by the distribution, so this is an exact inversion up to the
 * rounding of f0, a relative 1e-16 ln(N) N or so). Expected cost: about
 * two standard deviations of steps. */
uint64_t nps_hyper_draw(gsl_rng *r, const nps_hyper *h) {
  if (h->lo == h->hi)
    return h->lo;
  if (nps_hyper_is_normal(h))
    return normal_draw(r, h, sqrt(nps_hyper_var(h)));
  double lf0 = ln_choose((double)h->K, (double)h->mode) +
               ln_choose((double)(h->N - h->K), (double)(h->t - h->mode)) -
               ln_choose((double)h->N, (double)h->t);
  double s = gsl_rng_uniform(r) * exp(-lf0) - 1.0; /* in units of f(mode) */
  uint64_t dn = h->mode, up = h->mode;
  double fdn = dn > h->lo ? 1.0 / nps_hyper_up(h, dn - 1) : 0.0;
  double fup = up < h->hi ? nps_hyper_up(h, up) : 0.0;
  while (s > 0.0 && (fdn > 0.0 || fup > 0.0)) {
    if (fdn >= fup) {
      s -= fdn;
      if (s <= 0.0)
        return dn - 1;
      dn--;
      fdn = dn > h->lo ? fdn / nps_hyper_up(h, dn - 1) : 0.0;
    } else {
      s -= fup;
      if (s <= 0.0)
        return up + 1;
      up++;
      fup = up < h->hi ? fup * nps_hyper_up(h, up) : 0.0;
    }
    if (fdn < 1e-300 && fup < 1e-300)
      break; /* only rounding of f0 is left */
  }
  return h->mode;
}
