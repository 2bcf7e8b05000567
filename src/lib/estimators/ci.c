/*
 * ci.c - dispatch to the interval methods, with the fallbacks for
 * one-category samples and for bootstraps of very few answers
 * (docs/methods.md, "Degenerate samples and small n").
 */
#include <math.h>

#include "internal.h"
#include "nps/boot.h"
#include "nps/ci.h"

_Static_assert(NPS_CI_BOOT_MIN_N == 20, "update the small-n note below");

static nps_status analytic(const nps_counts *c, nps_ci_method m, double level,
                           nps_interval *iv) {
  switch (m) {
  case NPS_CI_WALD:
    return nps_interval_wald(c, level, iv);
  case NPS_CI_ADJUSTED_WALD:
    return nps_interval_adjusted_wald(c, level, iv, NULL);
  case NPS_CI_SCORE:
    return nps_interval_score(c, level, iv);
  case NPS_CI_BAYES:
    return nps_interval_bayes(c, level, 0.5, iv, NULL);
  default:
    return NPS_EINVAL;
  }
}

/* An interval contains its estimate: a sample of promoters only (NPS +1)
 * or detractors only (-1) gets that end closed at +-1, as the exact
 * binomial intervals are at x = n; the methods alone stop short of it. */
static nps_interval close_at_estimate(const nps_counts *c, nps_interval iv) {
  if (nps_counts_one_category(c) && c->promoters > 0)
    iv.hi = 1.0;
  else if (nps_counts_one_category(c) && c->detractors > 0)
    iv.lo = -1.0;
  return iv;
}

/* Percentile or BCa; BCa falls back to percentile when every replicate
 * lies on one side of the estimate (z0 infinite). */
static nps_status bootstrap(const nps_counts *c, const nps_ci_request *req,
                            nps_ci_result *out) {
  size_t B = req->replicates ? req->replicates : NPS_BOOT_DEFAULT_REPLICATES;
  nps_boot_result br;
  nps_status st = nps_boot_ci(c, B, req->level, req->rng, req->work, &br);
  if (st != NPS_OK)
    return st;
  out->boot_se = br.se;
  out->iv = req->method == NPS_CI_BCA ? br.bca : br.percentile;
  if (req->method == NPS_CI_BCA && !br.bca_ok) {
    out->method_used = NPS_CI_PERCENTILE;
    out->note = "every bootstrap replicate fell on one side of the estimate: "
                "no BCa bias correction, percentile interval used instead";
  }
  return NPS_OK;
}

nps_status nps_ci_compute(const nps_counts *c, const nps_ci_request *req,
                          nps_ci_result *out) {
  out->iv = (nps_interval){NAN, NAN};
  out->method_used = req->method;
  out->note = NULL;
  out->boot_se = NAN;
  nps_ci_method m = req->method;
  int is_boot = m == NPS_CI_PERCENTILE || m == NPS_CI_BCA;
  if (!nps_level_valid(req->level) || (is_boot && !req->rng))
    return NPS_EINVAL;
  if (nps_counts_total(c) == 0)
    return NPS_EEMPTY;
  if ((m == NPS_CI_WALD || is_boot) && nps_counts_one_category(c)) {
    out->method_used = NPS_CI_FALLBACK;
    out->note = "all answers in one category: no sampling spread for this "
                "method, adjusted Wald used instead";
    m = NPS_CI_FALLBACK;
    is_boot = 0;
  } else if (is_boot && nps_counts_total(c) < NPS_CI_BOOT_MIN_N) {
    out->method_used = NPS_CI_FALLBACK;
    out->note = "fewer than 20 answers: too few for a bootstrap interval, "
                "adjusted Wald used instead";
    m = NPS_CI_FALLBACK;
    is_boot = 0;
  }
  nps_status st =
      is_boot ? bootstrap(c, req, out) : analytic(c, m, req->level, &out->iv);
  if (st == NPS_OK && m == NPS_CI_BAYES &&
      (double)nps_counts_total(c) >= NPS_BAYES_NORMAL_MIN_N)
    out->note = "2^53 answers or more: the posterior is its normal limit, "
                "mean -+ z sd (skewness term under 1e-15 at 95%)";
  if (st == NPS_OK)
    out->iv = close_at_estimate(c, nps_interval_clip(out->iv));
  return st;
}
