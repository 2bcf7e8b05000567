/*
 * diffci.c - the interval of a difference between two independent NPS,
 * with the same kind of fallback ladder as ci.c has for one sample.
 *
 * The z intervals and the percentile and BCa bootstrap come from the
 * two-sample tests (test2.c, test2_boot.c); the MOVER intervals combine
 * the one-sample limits of interval.c; the studentized bootstrap draws its
 * own replicates. The coverage study that compares them is
 * bench/diffci_coverage.c (docs/methods.md, "Interval of a difference").
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"
#include "nps/boot.h"
#include "nps/ci.h"
#include "nps/diffci.h"
#include "test2_internal.h"

_Static_assert(NPS_DIFF_CI_BOOT_MIN_N == 20, "update the small-n note below");

static const nps_name methods[] = {
    {"mover-bayes", NPS_DIFF_CI_MOVER_BAYES,
     "MOVER from the Jeffreys intervals"},
    {"mover-score", NPS_DIFF_CI_MOVER_SCORE, "MOVER from the score intervals"},
    {"bca", NPS_DIFF_CI_BCA, "bootstrap BCa"},
    {"percentile", NPS_DIFF_CI_PERCENTILE, "bootstrap percentile"},
    {"boot-t", NPS_DIFF_CI_BOOT_T, "studentized bootstrap"},
    {"wald", NPS_DIFF_CI_WALD, "Wald"},
    {"adjusted-wald", NPS_DIFF_CI_ADJUSTED_WALD, "adjusted Wald"},
    {"test", NPS_DIFF_CI_TEST, "the test's own"},
    {"paired", NPS_DIFF_CI_PAIRED, "paired z"},
};

nps_status nps_diff_ci_method_parse(const char *name, nps_diff_ci_method *out) {
  int v;
  nps_status st = nps_name_parse(methods, NPS_COUNT_OF(methods), name, &v);
  if (st == NPS_OK)
    *out = (nps_diff_ci_method)v;
  return st;
}

const char *nps_diff_ci_method_name(nps_diff_ci_method method) {
  return nps_name_text(methods, NPS_COUNT_OF(methods), (int)method, 0);
}

const char *nps_diff_ci_method_label(nps_diff_ci_method method) {
  return nps_name_text(methods, NPS_COUNT_OF(methods), (int)method, 1);
}

static nps_status adjusted(const nps_counts *g1, const nps_counts *g2,
                           const nps_diff_ci_request *req, const char *note,
                           nps_diff_ci_result *out) {
  nps_test2_result a;
  nps_status st =
      nps_test2_adjusted_wald(g1, g2, req->alternative, req->level, &a);
  if (st != NPS_OK)
    return st;
  out->iv = a.ci;
  out->centre = a.diff;
  out->method_used = NPS_DIFF_CI_ADJUSTED_WALD;
  out->note = note;
  return NPS_OK;
}

static nps_status bootstrap(const nps_counts *g1, const nps_counts *g2,
                            const nps_diff_ci_request *req,
                            nps_diff_ci_result *out) {
  nps_test2_result b;
  const nps_test2_result *bp = req->bootstrap;
  if (!bp) {
    nps_status st = nps_test2_bootstrap(g1, g2, req->alternative, req->level,
                                        req->replicates, req->rng, NULL, &b);
    if (st != NPS_OK)
      return st;
    bp = &b;
  }
  int bca = req->method == NPS_DIFF_CI_BCA && bp->bca_ok;
  out->iv = bca ? bp->ci : bp->ci_percentile;
  out->centre = bp->diff;
  out->method_used = bca ? NPS_DIFF_CI_BCA : NPS_DIFF_CI_PERCENTILE;
  if (req->method == NPS_DIFF_CI_BCA && !bp->bca_ok)
    out->note = "BCa is undefined (every replicate on one side of the "
                "estimate): percentile interval";
  return NPS_OK;
}

/* ---- Wald ------------------------------------------------------------- */

static nps_status wald(const nps_counts *g1, const nps_counts *g2,
                       const nps_diff_ci_request *req,
                       nps_diff_ci_result *out) {
  nps_test2_result w;
  nps_status st = nps_test2_wald(g1, g2, req->alternative, req->level, &w);
  if (st != NPS_OK)
    return st;
  if (!(w.se > 0.0))
    return adjusted(g1, g2, req,
                    "every answer of both samples is in one category, so the "
                    "Wald interval is a point: adjusted Wald interval",
                    out);
  out->iv = w.ci;
  out->centre = w.diff;
  out->method_used = NPS_DIFF_CI_WALD;
  return NPS_OK;
}

/* ---- MOVER (Newcombe 1998; Zou and Donner 2008) ------------------------ */

/* t = (P - D)/n and the one-sample limits of c, widened to contain t. */
static nps_status one_sample(const nps_counts *c, nps_diff_ci_method m,
                             double level, double *t, nps_interval *iv) {
  nps_estimate e;
  nps_status st = nps_counts_estimate(c, &e);
  if (st == NPS_OK)
    st = m == NPS_DIFF_CI_MOVER_BAYES
             ? nps_interval_bayes(c, level, 0.5, iv, NULL)
             : nps_interval_score(c, level, iv);
  if (st != NPS_OK)
    return st;
  *t = e.nps;
  iv->lo = fmin(iv->lo, *t);
  iv->hi = fmax(iv->hi, *t);
  return NPS_OK;
}

/* L = t1 - t2 - sqrt((t1 - l1)^2 + (u2 - t2)^2),
 * U = t1 - t2 + sqrt((u1 - t1)^2 + (t2 - l2)^2)
 * (Zou and Donner 2008; Newcombe 1998 built it from Wilson limits). */
static nps_status mover(const nps_counts *g1, const nps_counts *g2,
                        const nps_diff_ci_request *req,
                        nps_diff_ci_result *out) {
  double t1, t2;
  nps_interval a, b;
  nps_status st = one_sample(g1, req->method, req->level, &t1, &a);
  if (st == NPS_OK)
    st = one_sample(g2, req->method, req->level, &t2, &b);
  if (st != NPS_OK)
    return st;
  double d = t1 - t2;
  out->iv = (nps_interval){d - hypot(t1 - a.lo, b.hi - t2),
                           d + hypot(a.hi - t1, t2 - b.lo)};
  out->centre = d;
  out->method_used = req->method;
  return NPS_OK;
}

/* ---- studentized bootstrap (Efron and Tibshirani 1993, ch. 12) -------- */

/* Wald variance of theta-hat, V/n. */
static double wald_var(const nps_counts *c, double n) {
  double p = (double)c->promoters / n, d = (double)c->detractors / n;
  return (p + d - (p - d) * (p - d)) / n;
}

/* t* of one replicate pair: (Delta* - Delta) / se*, the difference taken
 * on the exact scale n1 n2 Delta; se* = 0 gives +-inf, or 0 when
 * Delta* = Delta. */
static double replicate_t(const nps_counts *x1, const nps_counts *x2, double n1,
                          double n2, double scaled) {
  double dev = nps_test2_scaled_diff(x1, x2, n1, n2) - scaled;
  double se = sqrt(wald_var(x1, n1) + wald_var(x2, n2));
  if (se > 0.0)
    return dev / (n1 * n2) / se;
  return dev == 0.0 ? 0.0 : copysign(INFINITY, dev);
}

/* nps_boot_quantile, but infinite where it would interpolate with an
 * infinite t* (where it would give inf - inf). */
static double t_quantile(const double *sorted, size_t B, double q) {
  double h = (double)(B - 1) * q;
  size_t i = (size_t)h;
  if (i < B && isinf(sorted[i]))
    return sorted[i];
  if (i + 1 < B && h > (double)i && isinf(sorted[i + 1]))
    return sorted[i + 1];
  return nps_boot_quantile(sorted, B, q);
}

/* Delta - t se, an infinite limit set to the end of [-2, 2]. */
static double t_limit(double d, double t, double se) {
  return isinf(t) ? -copysign(2.0, t) : d - t * se;
}

static nps_status boot_t(const nps_counts *g1, const nps_counts *g2,
                         const nps_diff_ci_request *req,
                         nps_diff_ci_result *out) {
  size_t B = req->replicates ? req->replicates : NPS_TEST2_DEFAULT_DRAWS;
  double n1 = (double)nps_counts_total(g1), n2 = (double)nps_counts_total(g2);
  double scaled = nps_test2_scaled_diff(g1, g2, n1, n2);
  double d = scaled / (n1 * n2), se = sqrt(wald_var(g1, n1) + wald_var(g2, n2));
  double *t = nps_boot_buffer(NULL, B);
  if (!t)
    return NPS_ENOMEM;
  for (size_t i = 0; i < B; i++) {
    nps_counts x1, x2;
    (void)nps_boot_counts_replicate(g1, req->rng, &x1);
    (void)nps_boot_counts_replicate(g2, req->rng, &x2);
    t[i] = replicate_t(&x1, &x2, n1, n2, scaled);
  }
  qsort(t, B, sizeof *t, nps_compare_doubles);
  double alpha = 1.0 - req->level;
  out->iv = (nps_interval){t_limit(d, t_quantile(t, B, 1.0 - alpha / 2), se),
                           t_limit(d, t_quantile(t, B, alpha / 2), se)};
  out->centre = d;
  out->method_used = NPS_DIFF_CI_BOOT_T;
  nps_boot_buffer_done(t, NULL);
  return NPS_OK;
}

/* ---- the entry point ------------------------------------------------- */

static int is_bootstrap(nps_diff_ci_method m) {
  return m == NPS_DIFF_CI_BCA || m == NPS_DIFF_CI_PERCENTILE ||
         m == NPS_DIFF_CI_BOOT_T;
}

/* Nonzero when req asks for a method this file computes, with what that
 * method needs. */
static int request_valid(const nps_diff_ci_request *req) {
  switch (req->method) {
  case NPS_DIFF_CI_ADJUSTED_WALD:
  case NPS_DIFF_CI_WALD:
  case NPS_DIFF_CI_MOVER_BAYES:
  case NPS_DIFF_CI_MOVER_SCORE:
    return 1;
  case NPS_DIFF_CI_BCA:
  case NPS_DIFF_CI_PERCENTILE:
    return req->rng || req->bootstrap;
  case NPS_DIFF_CI_BOOT_T:
    return req->rng && req->replicates != 1;
  default:
    return 0;
  }
}

static nps_status direct(const nps_counts *g1, const nps_counts *g2,
                         const nps_diff_ci_request *req,
                         nps_diff_ci_result *out) {
  switch (req->method) {
  case NPS_DIFF_CI_ADJUSTED_WALD:
    return adjusted(g1, g2, req, NULL, out);
  case NPS_DIFF_CI_WALD:
    return wald(g1, g2, req, out);
  case NPS_DIFF_CI_BOOT_T:
    return boot_t(g1, g2, req, out);
  case NPS_DIFF_CI_BCA:
  case NPS_DIFF_CI_PERCENTILE:
    return bootstrap(g1, g2, req, out);
  default:
    return mover(g1, g2, req, out);
  }
}

nps_status nps_diff_ci_compute(const nps_counts *g1, const nps_counts *g2,
                               const nps_diff_ci_request *req,
                               nps_diff_ci_result *out) {
  *out = (nps_diff_ci_result){{NAN, NAN}, NAN, req->method, NULL};
  if (!request_valid(req) || !nps_level_valid(req->level))
    return NPS_EINVAL;
  uint64_t n1 = nps_counts_total(g1), n2 = nps_counts_total(g2);
  if (n1 == 0 || n2 == 0)
    return NPS_EEMPTY;
  if (!is_bootstrap(req->method))
    return direct(g1, g2, req, out);
  if (n1 < NPS_DIFF_CI_BOOT_MIN_N || n2 < NPS_DIFF_CI_BOOT_MIN_N)
    return adjusted(g1, g2, req,
                    "a sample has fewer than 20 answers, too few for the "
                    "bootstrap: adjusted Wald interval of the difference",
                    out);
  if (nps_counts_one_category(g1) && nps_counts_one_category(g2))
    return adjusted(g1, g2, req,
                    "every answer of both samples is in one category, so the "
                    "bootstrap has no spread: adjusted Wald interval",
                    out);
  return direct(g1, g2, req, out);
}

double nps_diff_ci_test_based_se(const nps_test2_result *t) {
  double p = t->p, d = t->diff, z = NAN;
  if (p > 0.0 && p < 1.0 && d != 0.0) {
    switch (t->alternative) {
    case NPS_ALT_GREATER:
      z = gsl_cdf_ugaussian_Qinv(p);
      break;
    case NPS_ALT_LESS:
      z = -gsl_cdf_ugaussian_Qinv(p);
      break;
    default:
      z = copysign(gsl_cdf_ugaussian_Qinv(p / 2.0), d);
      break;
    }
  }
  double se = d / z;
  return isfinite(se) && se > 0.0 ? se : t->se;
}

/* A test-based limit d -+ half that the rounding of two quantiles put a
 * hair beside 0 (|limit| below 1e-9 of |d|: the p is at the level's
 * alpha in exact arithmetic) is 0, so that the interval touches 0 and
 * does not reject, as p = alpha does not. */
static double touch_zero(double limit, double d) {
  return fabs(limit) < 1e-9 * fabs(d) ? 0.0 : limit;
}

nps_interval nps_diff_ci_test_based(const nps_test2_result *t, double level) {
  double half = nps_z_for_level(level) * nps_diff_ci_test_based_se(t);
  return (nps_interval){touch_zero(t->diff - half, t->diff),
                        touch_zero(t->diff + half, t->diff)};
}

nps_interval nps_diff_ci_alternative(const nps_test2_result *t) {
  if (!isnan(t->ci_alt.lo))
    return t->ci_alt;
  nps_interval two = nps_diff_ci_test_based(t, t->level);
  if (t->alternative == NPS_ALT_TWO_SIDED)
    return two;
  double half =
      gsl_cdf_ugaussian_Qinv(1.0 - t->level) * nps_diff_ci_test_based_se(t);
  return t->alternative == NPS_ALT_GREATER
             ? (nps_interval){touch_zero(t->diff - half, t->diff), 2.0}
             : (nps_interval){-2.0, touch_zero(t->diff + half, t->diff)};
}
