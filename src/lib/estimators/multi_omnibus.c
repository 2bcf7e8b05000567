/*
 * multi_omnibus.c - omnibus tests that k groups share one NPS: the Wald
 * chi-square of the NPS, Pearson's chi-square of the category table, and
 * the Monte Carlo permutation distribution of the Wald statistic given the
 * margins. Formulas: docs/methods.md, "Segments".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "hyper.h"
#include "internal.h"
#include "nps/multi.h"

/* W within this relative distance of the observed one counts as reaching
 * it: equal statistics computed in another order differ by rounding. */
#define W_TIE_REL 1e-9

/* theta and the weight n / V of counts c (n > 0); V = 0 takes the
 * adjusted-Wald variance, reported through *adjusted. */
static void weight(const nps_counts *c, double *theta, double *w,
                   int *adjusted) {
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  *theta = nps_count_diff(c->promoters, c->detractors) / n;
  double v = p / n + d / n - *theta * *theta;
  *adjusted = !(v > 0.0);
  if (*adjusted) {
    double m = n + 3.0, pp = (p + 0.75) / m, pd = (d + 0.75) / m;
    v = pp + pd - (pp - pd) * (pp - pd);
  }
  *w = n / v;
}

/* W of the groups c[0..k) (each with answers), with theta_w and the number
 * of adjusted variances when those pointers are not NULL. The weighted sum
 * of squares is updated one group at a time (West 1979), so equal NPS give
 * W = 0 exactly and nothing cancels. */
static double wald_w(const nps_counts *c, size_t k, double *theta_w,
                     size_t *adjusted) {
  double sw = 0.0, mean = 0.0, ss = 0.0;
  size_t adj = 0;
  for (size_t i = 0; i < k; i++) {
    double t, w;
    int a;
    weight(&c[i], &t, &w, &a);
    adj += (size_t)a;
    sw += w;
    double delta = t - mean;
    mean += delta * w / sw;
    ss += w * delta * (t - mean);
  }
  if (theta_w)
    *theta_w = mean;
  if (adjusted)
    *adjusted = adj;
  return fmax(ss, 0.0);
}

/* Pearson's X^2 of the 3 x k table; categories with no answers anywhere
 * are left out (they have no expected counts). */
static void pearson(const nps_counts *c, size_t k, double N,
                    const nps_counts *pool, nps_omnibus *out) {
  double row[3] = {(double)pool->promoters, (double)pool->passives,
                   (double)pool->detractors};
  int present = (row[0] > 0.0) + (row[1] > 0.0) + (row[2] > 0.0);
  double x2 = 0.0, min_e = INFINITY;
  for (size_t i = 0; i < k; i++) {
    double p, a, d, n;
    nps_counts_as_double(&c[i], &p, &a, &d, &n);
    double obs[3] = {p, a, d};
    for (int j = 0; j < 3; j++) {
      if (row[j] == 0.0)
        continue;
      double e = row[j] * n / N;
      min_e = fmin(min_e, e);
      x2 += (obs[j] - e) * (obs[j] - e) / e;
    }
  }
  out->min_expected = min_e;
  out->chisq_df = (double)(present - 1) * (double)(k - 1);
  if (present < 2)
    return; /* one category everywhere: no test */
  out->chisq = x2;
  out->chisq_p = gsl_cdf_chisq_Q(x2, out->chisq_df);
}

/* One permuted table: the pooled answers dealt to groups of the sizes of
 * c, into perm. */
static void deal(const nps_counts *c, size_t k, const nps_counts *pool,
                 gsl_rng *r, nps_counts *perm, int *normal) {
  uint64_t P = pool->promoters, A = pool->passives, D = pool->detractors;
  for (size_t i = 0; i + 1 < k; i++) {
    uint64_t t = nps_counts_total(&c[i]);
    nps_hyper hp = nps_hyper_make(P, P + A + D, t);
    uint64_t x = nps_hyper_draw(r, &hp);
    nps_hyper ha = nps_hyper_make(A, A + D, t - x);
    *normal |= nps_hyper_is_normal(&hp) || nps_hyper_is_normal(&ha);
    uint64_t y = nps_hyper_draw(r, &ha);
    perm[i] = (nps_counts){x, y, t - x - y};
    P -= x;
    A -= y;
    D -= t - x - y;
  }
  perm[k - 1] = (nps_counts){P, A, D};
}

static nps_status permutation(const nps_counts *c, size_t k,
                              const nps_counts *pool, size_t draws, gsl_rng *r,
                              nps_omnibus *out) {
  nps_counts *perm = malloc(k * sizeof *perm);
  if (!perm)
    return NPS_ENOMEM;
  double reach = out->w * (1.0 - W_TIE_REL);
  size_t hits = 0, b = 0;
  int normal = 0;
  while (b < draws && hits < NPS_OMNIBUS_STOP_HITS) {
    deal(c, k, pool, r, perm, &normal);
    hits += wald_w(perm, k, NULL, NULL) >= reach;
    b++;
  }
  free(perm);
  /* Besag and Clifford (1991): stopped at the h-th reach, p = h / L;
   * else the observed table counts as one more draw. */
  double p = hits == NPS_OMNIBUS_STOP_HITS
                 ? (double)hits / (double)b
                 : (1.0 + (double)hits) / (1.0 + (double)b);
  out->perm_p = p;
  out->perm_mc_se = sqrt(p * (1.0 - p) / (double)b);
  out->perm_draws = b;
  if (normal)
    out->note = "counts with a permutation standard deviation of 10^4 or more "
                "drawn from their normal limit (distribution function within "
                "5.6e-5 of the exact one)";
  return NPS_OK;
}

/* The groups with answers, copied; their pooled counts in *pool. */
static nps_status nonempty(const nps_counts *g, size_t k, nps_counts **out,
                           size_t *m, nps_counts *pool) {
  *out = k ? malloc(k * sizeof **out) : NULL;
  if (k && !*out)
    return NPS_ENOMEM;
  *m = 0;
  *pool = (nps_counts){0, 0, 0};
  int overflow = 0;
  for (size_t i = 0; i < k; i++) {
    uint64_t n = nps_counts_total_checked(&g[i], &overflow);
    if (n == 0)
      continue;
    (*out)[(*m)++] = g[i];
    uint64_t p = pool->promoters + g[i].promoters;
    uint64_t a = pool->passives + g[i].passives;
    uint64_t d = pool->detractors + g[i].detractors;
    overflow |=
        p < pool->promoters || a < pool->passives || d < pool->detractors;
    *pool = (nps_counts){p, a, d};
  }
  (void)nps_counts_total_checked(pool, &overflow);
  return overflow ? NPS_EOVERFLOW : NPS_OK;
}

nps_status nps_multi_omnibus(const nps_counts *g, size_t k, size_t draws,
                             gsl_rng *r, nps_omnibus *out) {
  memset(out, 0, sizeof *out);
  out->theta_w = out->w = out->w_df = out->w_p = NAN;
  out->chisq = out->chisq_df = out->chisq_p = out->min_expected = NAN;
  out->perm_p = out->perm_mc_se = NAN;
  if (draws > 0 && !r)
    return NPS_EINVAL;
  nps_counts *c, pool;
  size_t m = 0;
  nps_status st = nonempty(g, k, &c, &m, &pool);
  out->k = m;
  if (st == NPS_OK && m < 2)
    out->note = "fewer than two groups with answers: nothing to compare";
  if (st != NPS_OK || m < 2) {
    free(c);
    return st;
  }
  out->w = wald_w(c, m, &out->theta_w, &out->adjusted);
  out->w_df = (double)(m - 1);
  out->w_p = gsl_cdf_chisq_Q(out->w, out->w_df);
  pearson(c, m, (double)nps_counts_total(&pool), &pool, out);
  if (draws > 0)
    st = permutation(c, m, &pool, draws, r, out);
  free(c);
  return st;
}
