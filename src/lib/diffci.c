/*
 * diffci.c - the interval of a difference between two independent NPS,
 * with the same kind of fallback ladder as ci.c has for one sample.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"
#include "nps/ci.h"
#include "nps/diffci.h"

_Static_assert(NPS_DIFF_CI_BOOT_MIN_N == 20, "update the small-n note below");

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

nps_status nps_diff_ci_compute(const nps_counts *g1, const nps_counts *g2,
                               const nps_diff_ci_request *req,
                               nps_diff_ci_result *out) {
  *out = (nps_diff_ci_result){{NAN, NAN}, NAN, req->method, NULL};
  nps_diff_ci_method m = req->method;
  int boot = m == NPS_DIFF_CI_BCA || m == NPS_DIFF_CI_PERCENTILE;
  if (!boot && m != NPS_DIFF_CI_ADJUSTED_WALD)
    return NPS_EINVAL;
  if (!nps_level_valid(req->level) || (boot && !req->rng && !req->bootstrap))
    return NPS_EINVAL;
  uint64_t n1 = nps_counts_total(g1), n2 = nps_counts_total(g2);
  if (n1 == 0 || n2 == 0)
    return NPS_EEMPTY;
  if (!boot)
    return adjusted(g1, g2, req, NULL, out);
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
  return bootstrap(g1, g2, req, out);
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

nps_interval nps_diff_ci_test_based(const nps_test2_result *t, double level) {
  double half = nps_z_for_level(level) * nps_diff_ci_test_based_se(t);
  return (nps_interval){t->diff - half, t->diff + half};
}
