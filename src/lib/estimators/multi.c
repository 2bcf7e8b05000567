/*
 * multi.c - Holm, Benjamini-Hochberg and Bonferroni adjusted p-values.
 *
 * The adjusted p-value of a test is the smallest family-level alpha at which
 * the procedure would reject it. Holm (1979) steps down through the sorted
 * p-values with multipliers m, m - 1, ..., 1 and makes the result
 * non-decreasing; Benjamini and Hochberg (1995) step up with multipliers
 * m / j and make the result non-increasing from the largest p. The
 * arithmetic follows R's p.adjust (cummax / cummin over the sorted values)
 * so the numbers agree to the last bit or so. NaN p-values are left out.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nps/multi.h"

static const nps_name names[] = {
    {"none", NPS_MULTI_NONE, NULL},
    {"holm", NPS_MULTI_HOLM, NULL},
    {"bh", NPS_MULTI_BH, NULL},
    {"fdr", NPS_MULTI_BH, NULL},
    {"bonferroni", NPS_MULTI_BONFERRONI, NULL},
};

nps_status nps_multi_method_parse(const char *name, nps_multi_method *out) {
  int v;
  nps_status st = nps_name_parse(names, NPS_COUNT_OF(names), name, &v);
  if (st == NPS_OK)
    *out = (nps_multi_method)v;
  return st;
}

const char *nps_multi_method_name(nps_multi_method method) {
  return nps_name_text(names, NPS_COUNT_OF(names), (int)method, 0);
}

typedef struct ranked {
  double p;
  size_t index;
} ranked;

/* Ascending p; equal p keep their input order. */
static int compare_ranked(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->p != y->p)
    return x->p < y->p ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

/* Holm: adj(i) = max_{j <= i} min(1, (m - j + 1) p(j)), j from 1. */
static void holm(ranked *v, size_t m) {
  double run = 0.0;
  for (size_t j = 0; j < m; j++) {
    run = fmax(run, (double)(m - j) * v[j].p);
    v[j].p = fmin(1.0, run);
  }
}

/* BH: adj(i) = min_{j >= i} min(1, m / j p(j)), walked from the top. */
static void bh(ranked *v, size_t m) {
  double run = INFINITY;
  for (size_t j = m; j-- > 0;) {
    run = fmin(run, (double)m / (double)(j + 1) * v[j].p);
    v[j].p = fmin(1.0, run);
  }
}

static void bonferroni(ranked *v, size_t m) {
  for (size_t j = 0; j < m; j++)
    v[j].p = fmin(1.0, (double)m * v[j].p);
}

static int valid_input(nps_multi_method method, const double *p, size_t k) {
  if (method != NPS_MULTI_NONE && method != NPS_MULTI_HOLM &&
      method != NPS_MULTI_BH && method != NPS_MULTI_BONFERRONI)
    return 0;
  for (size_t i = 0; i < k; i++)
    if (!isnan(p[i]) && !(p[i] >= 0.0 && p[i] <= 1.0))
      return 0;
  return 1;
}

double nps_multi_matched_tail(double level, double p, double p_adjusted) {
  if (!(p > 0.0) || !(p_adjusted > p))
    return 1.0 - level;
  return (1.0 - level) * p / p_adjusted;
}

double nps_multi_matched_level(double level, double p, double p_adjusted) {
  if (!(p > 0.0) || !(p_adjusted > p))
    return level;
  return 1.0 - nps_multi_matched_tail(level, p, p_adjusted);
}

nps_status nps_multi_adjust(nps_multi_method method, const double *p, size_t k,
                            double *adj) {
  if (!valid_input(method, p, k))
    return NPS_EINVAL;
  if (k == 0)
    return NPS_OK;
  ranked *v = k <= SIZE_MAX / sizeof *v ? malloc(k * sizeof *v) : NULL;
  if (!v)
    return NPS_ENOMEM;
  size_t m = 0;
  for (size_t i = 0; i < k; i++)
    if (!isnan(p[i]))
      v[m++] = (ranked){p[i], i};
  qsort(v, m, sizeof *v, compare_ranked);
  if (method == NPS_MULTI_HOLM)
    holm(v, m);
  else if (method == NPS_MULTI_BH)
    bh(v, m);
  else if (method == NPS_MULTI_BONFERRONI)
    bonferroni(v, m);
  if (adj != p)
    memcpy(adj, p, k * sizeof *adj); /* NaN entries stay NaN */
  for (size_t j = 0; j < m; j++)
    adj[v[j].index] = v[j].p;
  free(v);
  return NPS_OK;
}
