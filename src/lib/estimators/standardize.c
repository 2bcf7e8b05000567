/*
 * standardize.c - direct standardization of two samples to their pooled
 * mix of strata, and the z test of the standardized difference.
 *
 * theta_g = sum_s w_s theta_gs, Var(theta_g) = sum_s w_s^2 V_gs / n_gs,
 * w_s = (n0s + n1s) / N over the strata answered in both samples
 * (Fleiss, Levin and Paik 2003, ch. 19, for proportions; NPS is a mean of
 * +1/0/-1 scores, so the same algebra holds). It does not resample and
 * decides nothing beyond the test: the compare analysis words it.
 */
#include <math.h>
#include <stdlib.h>

#include "internal.h"
#include "nps/standardize.h"
#include "test2_internal.h"

/* V/n of one stratum cell: plug-in, or adjusted Wald for a cell in one
 * category (whose plug-in variance is 0). */
static double cell_var(const nps_counts *c) {
  nps_estimate e;
  (void)nps_counts_estimate(c, &e);
  if (!nps_counts_one_category(c))
    return e.var / (double)e.n;
  double theta, v, m;
  nps_test2_adjusted(c, &theta, &v, &m);
  return v / m;
}

static double counts_nps(const nps_counts *c) {
  uint64_t n = nps_counts_total(c);
  return n ? nps_count_diff(c->promoters, c->detractors) / (double)n : NAN;
}

/* One stratum per key of either table, in key order. */
static nps_status collect(nps_standardized *s, const nps_table *const t[2]) {
  size_t n0 = nps_table_size(t[0]), n1 = nps_table_size(t[1]), i = 0, j = 0;
  int ok0, ok1;
  const nps_group **g0 = nps_table_sorted(t[0], &ok0);
  const nps_group **g1 = nps_table_sorted(t[1], &ok1);
  s->strata = ok0 && ok1 ? calloc(n0 + n1 + 1, sizeof *s->strata) : NULL;
  if (!s->strata) {
    free(g0);
    free(g1);
    return NPS_ENOMEM;
  }
  while (i < n0 || j < n1) {
    const nps_group *a = i < n0 ? g0[i] : NULL;
    const nps_group *b = j < n1 ? g1[j] : NULL;
    int d = !a   ? 1
            : !b ? -1
                 : nps_key_compare(a->key, a->key_len, b->key, b->key_len);
    nps_stratum *st = &s->strata[s->n_strata++];
    const nps_group *k = d <= 0 ? a : b;
    st->key = k->key;
    st->key_len = k->key_len;
    if (d <= 0)
      st->counts[0] = nps_hist_counts(&a->hist), i++;
    if (d >= 0)
      st->counts[1] = nps_hist_counts(&b->hist), j++;
  }
  free(g0);
  free(g1);
  return NPS_OK;
}

/* Weights, the strata left out, and the raw difference. */
static double weigh(nps_standardized *s) {
  double total = 0.0, raw[2][2] = {{0}}; /* [sample][P - D, n] */
  for (size_t k = 0; k < s->n_strata; k++) {
    nps_stratum *st = &s->strata[k];
    uint64_t n[2];
    for (int g = 0; g < 2; g++) {
      n[g] = nps_counts_total(&st->counts[g]);
      st->nps[g] = counts_nps(&st->counts[g]);
      raw[g][0] +=
          nps_count_diff(st->counts[g].promoters, st->counts[g].detractors);
      raw[g][1] += (double)n[g];
    }
    st->in_standard = n[0] > 0 && n[1] > 0;
    for (int g = 0; g < 2; g++)
      if (!st->in_standard)
        s->left_out[g] += n[g];
    if (st->in_standard) {
      st->weight = (double)n[0] + (double)n[1];
      total += st->weight;
      s->n_standard++;
    }
  }
  for (size_t k = 0; k < s->n_strata; k++)
    s->strata[k].weight = total > 0.0 ? s->strata[k].weight / total : 0.0;
  s->raw_diff = raw[1][0] / raw[1][1] - raw[0][0] / raw[0][1];
  return total;
}

/* The standardized NPS of both samples and the z test of their
 * difference. */
static void test(nps_standardized *s) {
  double theta[2] = {0.0, 0.0}, var = 0.0;
  for (size_t k = 0; k < s->n_strata; k++) {
    const nps_stratum *st = &s->strata[k];
    if (!st->in_standard)
      continue;
    for (int g = 0; g < 2; g++) {
      theta[g] += st->weight * st->nps[g];
      var += st->weight * st->weight * cell_var(&st->counts[g]);
    }
  }
  nps_test2_result *r = &s->test;
  r->nps1 = theta[1];
  r->nps2 = theta[0];
  r->diff = theta[1] - theta[0];
  r->se = sqrt(var);
  (void)nps_test2_z_finish(r, NULL); /* var > 0: no cell counts as certain */
  s->mix = s->raw_diff - r->diff;
}

nps_status nps_standardize(const nps_table *const t[2], nps_alternative alt,
                           double level, nps_standardized **out) {
  *out = NULL;
  if (!nps_test2_alt_valid(alt) || !nps_level_valid(level))
    return NPS_EINVAL;
  nps_standardized *s = calloc(1, sizeof *s);
  if (!s)
    return NPS_ENOMEM;
  nps_status st = collect(s, t);
  if (st != NPS_OK) {
    nps_standardized_free(s);
    return st;
  }
  nps_test2_clear(&s->test, NPS_TEST2_WALD, alt, level);
  if (weigh(s) <= 0.0) {
    nps_standardized_free(s);
    return NPS_EEMPTY;
  }
  test(s);
  *out = s;
  return NPS_OK;
}

void nps_standardized_free(nps_standardized *s) {
  if (!s)
    return;
  free(s->strata);
  free(s);
}
