/*
 * boot.h - the multinomial bootstrap for one NPS: replicates, percentile
 * and BCa intervals.
 *
 * Resampling n responses with replacement gives category counts that are
 * exactly Multinomial(n, P/n, A/n, D/n), so one replicate is two binomial
 * draws whatever n is: a billion responses cost what a thousand do, and the
 * result has the same distribution as resampling rows (docs/methods.md).
 *
 * Randomness comes only from the caller's gsl_rng; the same generator state
 * gives the same numbers. No function here keeps state between calls, so
 * separate generators may be used from separate threads.
 *
 * Replicates are NPS values on the -1..1 scale.
 */
#ifndef NPS_BOOT_H
#define NPS_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "export.h"
#include "hist.h"
#include "interval.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default number of bootstrap replicates. */
#define NPS_BOOT_DEFAULT_REPLICATES 10000

/* Everything nps_boot_ci computes. */
typedef struct nps_boot_result {
  double estimate;         /* theta-hat = (P - D) / n */
  nps_interval percentile; /* percentile interval */
  nps_interval bca;        /* BCa interval; the percentile one if !bca_ok */
  int bca_ok;              /* 0 when every replicate fell on one side of
                              the estimate, so z0 is infinite */
  double se;               /* standard deviation of the replicates (B - 1) */
  double z0;               /* BCa bias correction (+-INFINITY if !bca_ok) */
  double accel;            /* BCa acceleration, nps_boot_accel */
  size_t replicates;       /* B */
  const char *note;        /* static text on a caveat (see nps_boot_ci),
                              else NULL */
} nps_boot_result;

/* One draw from Binomial(n, p) for any 64-bit n, exact in distribution.
 * Up to INT_MAX trials it is gsl_ran_binomial (whose BTPE code keeps counts
 * in an int); above, each step draws the middle order statistic X of the
 * n uniforms, X ~ Beta(a, n + 1 - a) with a = 1 + floor(n / 2), and
 * recurses into the half that still straddles p (Knuth, TAOCP vol. 2,
 * 3.4.1): at most 33 steps for n < 2^64. p outside [0, 1] is clamped. */
NPS_API uint64_t nps_boot_binomial(gsl_rng *r, double p, uint64_t n);

/* One bootstrap replicate of c: out receives counts distributed
 * Multinomial(n, P/n, A/n, D/n), drawn as P* ~ Bin(n, P/n) and then
 * A* ~ Bin(n - P*, A/(A + D)). NPS_EOVERFLOW when P + A + D passes
 * 2^64 - 1 (out is then zeroed). n = 0 gives a zero replicate. */
NPS_API nps_status nps_boot_counts_replicate(const nps_counts *c, gsl_rng *r,
                                             nps_counts *out);

/* One bootstrap replicate of a score histogram: counts of the 11 scores
 * distributed Multinomial(n, c_s / n), drawn as a chain of conditional
 * binomials (bin s gets Bin(remaining n, c_s / remaining mass)).
 * NPS_EOVERFLOW when the total passes 2^64 - 1 (out is then zeroed). */
NPS_API nps_status nps_boot_hist_replicate(const nps_hist *h, gsl_rng *r,
                                           nps_hist *out);

/* Fills out[0..B-1] with B bootstrap NPS replicates of c, in the order
 * drawn. out is owned by the caller and must hold B doubles.
 * NPS_EEMPTY when c holds no answers, NPS_EOVERFLOW as above. */
NPS_API nps_status nps_boot_replicates(const nps_counts *c, size_t B,
                                       gsl_rng *r, double *out);

/* The BCa acceleration of c in closed form. NPS is the mean of scores
 * +1/0/-1, its jackknife has three distinct leave-one-out values, and
 * Efron's a = sum d_i^3 / (6 (sum d_i^2)^(3/2)), d_i = theta(.) - theta(i),
 * reduces to a = m3 / (6 sqrt(n) m2^(3/2)) with m2, m3 the central moments
 * of the scores. 0 when n = 0 or m2 = 0 (one category). */
NPS_API double nps_boot_accel(const nps_counts *c);

/* The q-quantile (0 <= q <= 1) of sorted[0..B-1] (ascending, B >= 1) by
 * linear interpolation between order statistics: with h = (B - 1) q and
 * i = floor(h), x[i] + (h - i) (x[i+1] - x[i]) (Hyndman and Fan type 7,
 * the rule of numpy.percentile, R's quantile and GSL). */
NPS_API double nps_boot_quantile(const double *sorted, size_t B, double q);

/* Percentile interval [Q(alpha/2), Q(1 - alpha/2)], alpha = 1 - level,
 * of the sorted replicates (nps_boot_quantile). NPS_EINVAL for B = 0 or a
 * level outside (0, 1). */
NPS_API nps_status nps_boot_percentile(const double *sorted, size_t B,
                                       double level, nps_interval *out);

/* BCa interval (Efron 1987) of the sorted replicates: with
 * z0 = Phi^-1((#{x < theta_hat} + #{x <= theta_hat}) / 2B) (ties counted
 * half, as scipy.stats.bootstrap does) and, for z = Phi^-1(alpha/2) and
 * z = Phi^-1(1 - alpha/2), the levels
 *   alpha_z = Phi(z0 + (z0 + z) / (1 - accel (z0 + z))),
 * the limits are Q(alpha_z) (nps_boot_quantile). Where 1 - accel (z0 + z)
 * <= 0 the level takes its limit, 0 or 1. z0 may be NULL.
 * When every replicate lies on one side of theta_hat, z0 = -+infinity and
 * BCa is undefined: out then holds the percentile interval and *z0 the
 * infinity (test it with isinf), still with NPS_OK. NPS_EINVAL for B = 0
 * or a bad level. */
NPS_API nps_status nps_boot_bca(const double *sorted, size_t B,
                                double theta_hat, double accel, double level,
                                nps_interval *out, double *z0);

/* The bootstrap for c with B replicates: percentile and BCa intervals,
 * standard error, z0 and acceleration, in out.
 * work: NULL, or B doubles owned by the caller that receive the replicates
 * in ascending order (e.g. to chart the bootstrap distribution); with NULL
 * the function allocates and frees its own buffer.
 * Returns NPS_OK, with out->note set on a caveat: when every answer is in
 * one category (all replicates equal the estimate: point intervals and
 * se = 0; a caller should use another method, as nps_ci_compute does), and
 * when every replicate lands on one side of the estimate (possible only for
 * tiny B or n: out->bca_ok is 0 and out->bca is the percentile interval).
 * NPS_EEMPTY for n = 0; NPS_EINVAL for B < 2, a bad level or a NULL rng;
 * NPS_ENOMEM; NPS_EOVERFLOW. */
NPS_API nps_status nps_boot_ci(const nps_counts *c, size_t B, double level,
                               gsl_rng *r, double *work, nps_boot_result *out);

#ifdef __cplusplus
}
#endif
#endif
