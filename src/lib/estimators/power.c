/*
 * power.c - sample size, minimum detectable difference and power for NPS.
 *
 * Normal approximations to the Wald z statistic: a sample of n answers has
 * SE(theta-hat) = sqrt(V / n), two independent groups SE(Delta) =
 * sqrt(V1 / n1 + V2 / n2). A two-sided test at alpha detects a true
 * difference d with power 1 - beta when d / SE = z_{1-alpha/2} + z_{1-beta}
 * (the far tail neglected); every function here solves that equation for
 * one unknown (Chow, Shao and Wang, Sample Size Calculations in Clinical
 * Research, ch. 3; Sauro and Lewis, Quantifying the User Experience).
 * docs/methods.md, "Two-sample tests", has the formulas.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"
#include "nps/interval.h"
#include "nps/power.h"

nps_status nps_power_variance(const nps_shares *s, double *var, double *nps) {
  nps_shares t;
  nps_status st = nps_shares_from(s->promoters, s->passives, s->detractors, &t);
  if (st != NPS_OK)
    return st;
  double theta = t.promoters - t.detractors;
  *var = fmax(t.promoters + t.detractors - theta * theta, 0.0);
  if (nps)
    *nps = theta;
  return NPS_OK;
}

/* Moves share from detractors (then passives) to promoters so that NPS
 * rises by delta >= 0; the mirror image is handled by swapping roles. */
static int shift_up(double *prom, double *pass, double *detr, double delta) {
  double x = fmin(*detr, delta / 2.0), y = delta - 2.0 * x;
  if (y > *pass * (1.0 + 1e-12))
    return 0;
  y = fmin(y, *pass);
  *detr -= x;
  *pass -= y;
  *prom += x + y;
  return 1;
}

nps_status nps_power_shift(const nps_shares *baseline, double delta,
                           nps_shares *out) {
  nps_shares t;
  nps_status st = nps_shares_from(baseline->promoters, baseline->passives,
                                  baseline->detractors, &t);
  if (st != NPS_OK || !isfinite(delta))
    return NPS_EINVAL;
  int ok = delta >= 0.0
               ? shift_up(&t.promoters, &t.passives, &t.detractors, delta)
               : shift_up(&t.detractors, &t.passives, &t.promoters, -delta);
  if (!ok)
    return NPS_EINVAL;
  *out = t;
  return NPS_OK;
}

/* Moves x of the share from the opposite category (detractors for a rise)
 * and y from passives to the favoured one; 0 when a category runs short
 * (beyond rounding). */
static int move(double *to, double *pass, double *from, double x, double y) {
  const double slack = 1e-12;
  if (x > *from + slack || y > *pass + slack)
    return 0;
  *from = fmax(*from - x, 0.0);
  *pass = fmax(*pass - y, 0.0);
  *to += x + y;
  return 1;
}

/* A rise of delta >= 0 from source; the mirror image swaps the roles. */
static int shift_source(double *to, double *pass, double *from, double delta,
                        nps_shift_source source) {
  switch (source) {
  case NPS_SHIFT_DETRACTORS:
    return move(to, pass, from, delta / 2.0, 0.0);
  case NPS_SHIFT_PASSIVES:
    return move(to, pass, from, 0.0, delta);
  case NPS_SHIFT_BOTH:
    return move(to, pass, from, delta / 4.0, delta / 2.0);
  case NPS_SHIFT_PASSIVES_FIRST: {
    double y = fmin(*pass, delta);
    return move(to, pass, from, (delta - y) / 2.0, y);
  }
  case NPS_SHIFT_FEWEST:
    return shift_up(to, pass, from, delta);
  default:
    return 0;
  }
}

nps_status nps_power_shift_from(const nps_shares *baseline, double delta,
                                nps_shift_source source, nps_shares *out) {
  nps_shares t;
  nps_status st = nps_shares_from(baseline->promoters, baseline->passives,
                                  baseline->detractors, &t);
  if (st != NPS_OK || !isfinite(delta))
    return NPS_EINVAL;
  int ok = delta >= 0.0 ? shift_source(&t.promoters, &t.passives, &t.detractors,
                                       delta, source)
                        : shift_source(&t.detractors, &t.passives, &t.promoters,
                                       -delta, source);
  if (!ok)
    return NPS_EINVAL;
  *out = t;
  return NPS_OK;
}

/* z_{1-alpha/sides} + z_{power}; 0 with *ok = 0 for bad arguments. */
static double z_sum(double alpha, double power, int sides, int *ok) {
  *ok = nps_level_valid(alpha) && nps_level_valid(power) &&
        (sides == 1 || sides == 2);
  if (!*ok)
    return 0.0;
  return gsl_cdf_ugaussian_Qinv(alpha / sides) + gsl_cdf_ugaussian_Pinv(power);
}

static int var_ok(double v) {
  return v >= 0.0 && isfinite(v);
}

/* n = z^2 V / E^2: the Wald half-width z sqrt(V / n) equals E. */
nps_status nps_power_precision_n(double var, double margin, double level,
                                 double *n) {
  if (!var_ok(var) || !(margin > 0.0) || !isfinite(margin) ||
      !nps_level_valid(level))
    return NPS_EINVAL;
  double z = nps_z_for_level(level);
  *n = z * z * var / (margin * margin);
  return NPS_OK;
}

/* delta^2 = zs^2 (v1 / n1 + v2 / (ratio n1)) solved for n1. */
nps_status nps_power_two_group_n(double v1, double v2, double delta,
                                 double alpha, double power, int sides,
                                 double ratio, double *n1, double *n2) {
  int ok;
  double zs = z_sum(alpha, power, sides, &ok);
  if (!ok || !var_ok(v1) || !var_ok(v2) || !(ratio > 0.0) || !isfinite(ratio) ||
      !(delta != 0.0) || !isfinite(delta) || !(power > alpha / sides))
    return NPS_EINVAL;
  double m = zs * zs * (v1 + v2 / ratio) / (delta * delta);
  *n1 = m;
  if (n2)
    *n2 = ratio * m;
  return NPS_OK;
}

static int sizes_ok(double n1, double n2) {
  return n1 > 0.0 && n2 > 0.0 && isfinite(n1) && isfinite(n2);
}

/* d = zs SE, SE = sqrt(v1 / n1 + v2 / n2). */
nps_status nps_power_mdd(double v1, double n1, double v2, double n2,
                         double alpha, double power, int sides, double *d) {
  int ok;
  double zs = z_sum(alpha, power, sides, &ok);
  if (!ok || !var_ok(v1) || !var_ok(v2) || !sizes_ok(n1, n2))
    return NPS_EINVAL;
  *d = zs * sqrt(v1 / n1 + v2 / n2);
  return NPS_OK;
}

/* Pr(reject) when Z ~ N(delta / SE, 1): two-sided Phi(delta/SE - z) +
 * Phi(-delta/SE - z), one-sided Phi(|delta|/SE - z). */
nps_status nps_power_achieved(double v1, double n1, double v2, double n2,
                              double delta, double alpha, int sides,
                              double *power) {
  if (!nps_level_valid(alpha) || (sides != 1 && sides != 2) || !var_ok(v1) ||
      !var_ok(v2) || !sizes_ok(n1, n2) || !isfinite(delta))
    return NPS_EINVAL;
  double se = sqrt(v1 / n1 + v2 / n2);
  double z = gsl_cdf_ugaussian_Qinv(alpha / sides);
  if (delta == 0.0) {
    *power = alpha;
    return NPS_OK;
  }
  if (!(se > 0.0)) {
    *power = 1.0;
    return NPS_OK;
  }
  double shift = fabs(delta) / se;
  *power = gsl_cdf_ugaussian_P(shift - z);
  if (sides == 2)
    *power += gsl_cdf_ugaussian_P(-shift - z);
  return NPS_OK;
}
