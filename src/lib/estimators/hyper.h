/*
 * hyper.h - the hypergeometric distribution for 64-bit counts (hyper.c);
 * private to the library.
 */
#ifndef NPS_HYPER_H
#define NPS_HYPER_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* min(a, b), and a - b or 0 when b >= a. */
uint64_t nps_min_u64(uint64_t a, uint64_t b);
uint64_t nps_sub0(uint64_t a, uint64_t b);

/* Hypergeometric(K of N, t drawn): f(j) proportional to C(K, j) C(N - K,
 * t - j) on [lo, hi] = [max(0, t - (N - K)), min(K, t)], unimodal with its
 * mode at floor((t + 1)(K + 1) / (N + 2)) (clamped; rounding of that
 * double can move it by one, which only costs a step of the walks). */
typedef struct nps_hyper {
  uint64_t K, N, t, lo, hi, mode;
} nps_hyper;

/* The distribution of successes among t draws without replacement from N
 * items of which K are successes (K <= N, t <= N). */
nps_hyper nps_hyper_make(uint64_t K, uint64_t N, uint64_t t);

/* f(j + 1) / f(j) for lo <= j < hi. */
double nps_hyper_up(const nps_hyper *h, uint64_t j);

/* The variance t p (1 - p) (N - t) / (N - 1), p = K / N. */
double nps_hyper_var(const nps_hyper *h);

/* From this standard deviation on, draws come from the normal limit. */
#define NPS_HYPER_NORMAL_SD 1e4

/* Whether nps_hyper_draw takes h's draws from the normal limit: its
 * variance is at least NPS_HYPER_NORMAL_SD^2 (and it has two or more
 * values). */
int nps_hyper_is_normal(const nps_hyper *h);

/* One draw. Below NPS_HYPER_NORMAL_SD: exact in distribution up to
 * rounding, by inversion outward from the mode, about two standard
 * deviations of steps. From it on: the normal limit with the same mean and
 * variance rounded to the nearest integer of the support, at O(1) cost;
 * its distribution function is within 0.56 / sd <= 5.6e-5 of the exact one
 * (Berry-Esseen, the hypergeometric being a sum of independent Bernoulli
 * variables). */
uint64_t nps_hyper_draw(gsl_rng *r, const nps_hyper *h);

#endif
