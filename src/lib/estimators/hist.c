/*
 * hist.c - score histogram, category counts and the NPS point estimate.
 *
 * NPS is the mean of per-respondent scores s = +1 (promoter), 0 (passive),
 * -1 (detractor): theta = pP - pD. The plug-in variance of one score is
 * V = E[s^2] - theta^2 = pP + pD - theta^2 (docs/methods.md, section 1).
 */
#include <math.h>
#include <string.h>

#include "nps/hist.h"

nps_category nps_score_category(int score) {
  if (score >= NPS_PROMOTER_MIN)
    return NPS_PROMOTER;
  if (score >= NPS_PASSIVE_MIN)
    return NPS_PASSIVE;
  return NPS_DETRACTOR;
}

int nps_score_valid(long score) {
  return score >= 0 && score <= 10;
}

nps_status nps_hist_add(nps_hist *h, int score, uint64_t count) {
  if (!h || !nps_score_valid(score))
    return NPS_EINVAL;
  if (h->count[score] > UINT64_MAX - count)
    return NPS_EOVERFLOW;
  h->count[score] += count;
  return NPS_OK;
}

nps_status nps_hist_merge(nps_hist *dst, const nps_hist *src) {
  for (int s = 0; s < NPS_NSCORES; s++)
    if (dst->count[s] > UINT64_MAX - src->count[s])
      return NPS_EOVERFLOW;
  for (int s = 0; s < NPS_NSCORES; s++)
    dst->count[s] += src->count[s];
  return NPS_OK;
}

static uint64_t add_saturating(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t nps_hist_total(const nps_hist *h) {
  uint64_t n = 0;
  for (int s = 0; s < NPS_NSCORES; s++)
    n = add_saturating(n, h->count[s]);
  return n;
}

nps_counts nps_hist_counts(const nps_hist *h) {
  nps_counts c = {0, 0, 0};
  for (int s = 0; s < NPS_NSCORES; s++) {
    uint64_t *bin = s >= NPS_PROMOTER_MIN  ? &c.promoters
                    : s >= NPS_PASSIVE_MIN ? &c.passives
                                           : &c.detractors;
    *bin = add_saturating(*bin, h->count[s]);
  }
  return c;
}

uint64_t nps_counts_total(const nps_counts *c) {
  return add_saturating(add_saturating(c->promoters, c->passives),
                        c->detractors);
}

nps_status nps_counts_estimate(const nps_counts *c, nps_estimate *out) {
  memset(out, 0, sizeof *out);
  uint64_t n = nps_counts_total(c);
  if (n == 0)
    return NPS_EEMPTY;
  double dn = (double)n;
  out->n = n;
  out->share_promoters = (double)c->promoters / dn;
  out->share_passives = (double)c->passives / dn;
  out->share_detractors = (double)c->detractors / dn;
  /* (P - D) / n in exact integers first: one rounding, exact sign. */
  out->nps = c->promoters >= c->detractors
                 ? (double)(c->promoters - c->detractors) / dn
                 : -(double)(c->detractors - c->promoters) / dn;
  double v = out->share_promoters + out->share_detractors - out->nps * out->nps;
  out->var = v > 0.0 ? v : 0.0; /* rounding can make 0 slightly negative */
  out->se = sqrt(out->var / dn);
  return NPS_OK;
}

nps_status nps_shares_from(double p, double a, double d, nps_shares *out) {
  if (!(isfinite(p) && isfinite(a) && isfinite(d)) || p < 0.0 || a < 0.0 ||
      d < 0.0)
    return NPS_EINVAL;
  double n = p + a + d;
  if (!(n > 0.0) || !isfinite(n))
    return NPS_EINVAL;
  *out = (nps_shares){p / n, a / n, d / n};
  return NPS_OK;
}
