/*
 * power.h - sample-size planning for NPS surveys and comparisons.
 *
 * Normal-approximation formulas on the -1..1 scale (so a margin of 5 points
 * is 0.05): the sample size for a given precision, the per-arm size for a
 * two-group comparison, the minimum detectable difference for given group
 * sizes, and the power to detect a given difference. The per-respondent
 * variance V = pP + pD - (pP - pD)^2 comes from a baseline distribution
 * (nps_power_variance). Sources and derivations: docs/methods.md,
 * "Two-sample tests" (planning).
 *
 * All tests are two-sided (sides = 2) or one-sided (sides = 1); alpha is
 * the significance level, power = 1 - beta the probability of detecting
 * the difference. Results are real numbers, not rounded: round sample sizes
 * up (ceil) to plan.
 */
#ifndef NPS_POWER_H
#define NPS_POWER_H

#include "export.h"
#include "hist.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Per-respondent variance V = pP + pD - (pP - pD)^2 of the scores +1/0/-1,
 * and (if nps is not NULL) the NPS pP - pD, of shares s (normalised first,
 * so counts are accepted). NPS_EINVAL as nps_shares_from. */
NPS_API nps_status nps_power_variance(const nps_shares *s, double *var,
                                      double *nps);

/* The distribution whose NPS is baseline's plus delta (-2 < delta < 2),
 * moving the fewest answers: for delta > 0, x = min(pD, delta/2) of the
 * share moves from detractors to promoters and, if that is not enough,
 * y = delta - 2x from passives to promoters; for delta < 0 the mirror
 * image. Use it to get the second group's variance for
 * nps_power_two_group_n. NPS_EINVAL when the target NPS is outside
 * [-1, 1] or not reachable. */
NPS_API nps_status nps_power_shift(const nps_shares *baseline, double delta,
                                   nps_shares *out);

/* Where a planned change of NPS comes from (nps_power_shift_from). Named
 * for a rise; a fall is the mirror image (promoters for detractors). */
typedef enum nps_shift_source {
  NPS_SHIFT_ANY = 0,        /* the plan's worst case over the sources
                               (plan.h); nps_power_shift_from does not take
                               it */
  NPS_SHIFT_DETRACTORS,     /* delta/2 of the share from detractors to
                               promoters (each answer moves NPS by 2) */
  NPS_SHIFT_PASSIVES,       /* delta of the share from passives to promoters
                               (each answer moves NPS by 1) */
  NPS_SHIFT_BOTH,           /* half of the change from each: delta/2 of the
                               share from passives and delta/4 from
                               detractors to promoters */
  NPS_SHIFT_PASSIVES_FIRST, /* passives to promoters up to delta (all of
                               them if fewer), the rest from detractors: the
                               largest V of any change made of answers
                               moving up (docs/methods.md, "Planning") */
  NPS_SHIFT_FEWEST          /* nps_power_shift's rule: detractors first */
} nps_shift_source;

/* The distribution whose NPS is baseline's plus delta (-2 < delta < 2)
 * when the change comes from source (not NPS_SHIFT_ANY): for delta > 0 as
 * the enum says, for delta < 0 the mirror image (answers move down, from
 * promoters where the rise takes detractors). NPS_EINVAL when the source
 * cannot supply the change (too few answers in the category it takes them
 * from), for NPS_SHIFT_ANY or an unknown source, or a delta not finite. */
NPS_API nps_status nps_power_shift_from(const nps_shares *baseline,
                                        double delta, nps_shift_source source,
                                        nps_shares *out);

/* Sample size for a confidence interval of half-width margin:
 * n = z^2 V / margin^2, z = z_{1-(1-level)/2} (Wald; docs/methods.md).
 * NPS_EINVAL for var < 0, margin <= 0 or a level outside (0, 1). */
NPS_API nps_status nps_power_precision_n(double var, double margin,
                                         double level, double *n);

/* Size of group 1 to detect a difference delta between two independent
 * groups with variances v1, v2, group 2 being ratio times as large:
 *   n1 = (z_{1-alpha/sides} + z_{power})^2 (v1 + v2 / ratio) / delta^2,
 *   n2 = ratio n1.
 * ratio = 1 gives the usual per-arm size (z_{1-a/2} + z_{1-b})^2 (V1 +
 * V2) / d^2. n2 may be NULL. NPS_EINVAL for delta = 0, a negative
 * variance, ratio <= 0, alpha or power outside (0, 1), power <= alpha /
 * sides, sides not 1 or 2. */
NPS_API nps_status nps_power_two_group_n(double v1, double v2, double delta,
                                         double alpha, double power, int sides,
                                         double ratio, double *n1, double *n2);

/* Minimum detectable difference for groups of n1 and n2 answers:
 *   d = (z_{1-alpha/sides} + z_{power}) sqrt(v1 / n1 + v2 / n2).
 * NPS_EINVAL for n1 or n2 <= 0, a negative variance, alpha or power
 * outside (0, 1), sides not 1 or 2. */
NPS_API nps_status nps_power_mdd(double v1, double n1, double v2, double n2,
                                 double alpha, double power, int sides,
                                 double *d);

/* Power of the z test to detect a true difference delta with n1, n2
 * answers: with SE = sqrt(v1 / n1 + v2 / n2) and z = z_{1-alpha/sides},
 *   two-sided: Phi(delta / SE - z) + Phi(-delta / SE - z) (both tails),
 *   one-sided: Phi(|delta| / SE - z) (delta in the tested direction).
 * delta = 0 gives alpha, the size of the test; SE = 0 gives 1 for
 * delta != 0 and alpha for delta = 0. NPS_EINVAL as nps_power_mdd. */
NPS_API nps_status nps_power_achieved(double v1, double n1, double v2,
                                      double n2, double delta, double alpha,
                                      int sides, double *power);

#ifdef __cplusplus
}
#endif
#endif
