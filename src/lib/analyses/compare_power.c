/*
 * compare_power.c - power curves for a comparison: how likely a z test
 * with equal arms of a given size is to detect a true difference, with
 * the first sample's distribution as the baseline.
 */
#include <math.h>

#include "compare_internal.h"

nps_status nps_compare_power_curve(const nps_compare *c,
                                   const nps_compare_row *r, double delta,
                                   const double *n, size_t k, double *power,
                                   double *n_needed, double *delta_used) {
  const nps_compare_options *o = &c->options;
  const nps_estimate *a = &r->side[0].est;
  double alpha = 1.0 - o->level, v0, v1;
  int sides = o->alternative == NPS_ALT_TWO_SIDED ? 2 : 1;
  nps_shares base, moved;
  *n_needed = NAN;
  nps_status st = nps_shares_from(a->share_promoters, a->share_passives,
                                  a->share_detractors, &base);
  if (st == NPS_OK)
    st = nps_power_variance(&base, &v0, NULL);
  if (st != NPS_OK)
    return st;
  if (nps_power_shift(&base, delta, &moved) != NPS_OK &&
      nps_power_shift(&base, delta = -delta, &moved) != NPS_OK)
    return NPS_EINVAL;
  if ((st = nps_power_variance(&moved, &v1, NULL)) != NPS_OK)
    return st;
  *delta_used = delta;
  for (size_t i = 0; i < k; i++)
    if ((st = nps_power_achieved(v1, n[i], v0, n[i], fabs(delta), alpha, sides,
                                 &power[i])) != NPS_OK)
      return st;
  double n1;
  if (nps_power_two_group_n(v1, v0, fabs(delta), alpha, NPS_COMPARE_POWER,
                            sides, 1.0, &n1, NULL) == NPS_OK)
    *n_needed = n1;
  return NPS_OK;
}

/* Adds the line for a true difference delta when the baseline can move
 * that far. */
static void add_line(const nps_compare *c, const nps_compare_row *r,
                     double delta, int observed, nps_compare_power_lines *o) {
  nps_compare_power_line *l = &o->line[o->n_lines];
  if (nps_compare_power_curve(c, r, delta, o->n, NPS_COMPARE_POWER_GRID,
                              l->power, &l->n_needed, &l->delta_used) != NPS_OK)
    return;
  l->observed = observed;
  o->n_lines++;
}

void nps_compare_power_chart(const nps_compare *c,
                             nps_compare_power_lines *out) {
  const nps_compare_row *r = nps_compare_overall(c);
  static const double fixed[3] = {0.05, 0.10, 0.20};
  out->n_lines = 0;
  for (size_t i = 0; i < NPS_COMPARE_POWER_GRID; i++)
    out->n[i] = pow(10.0, 1.0 + 4.0 * (double)i / (NPS_COMPARE_POWER_GRID - 1));
  for (size_t i = 0; i < 3; i++)
    add_line(c, r, fixed[i], 0, out);
  if (r->verdict.tested && fabs(r->diff) >= 0.005)
    add_line(c, r, r->diff, 1, out);
}
