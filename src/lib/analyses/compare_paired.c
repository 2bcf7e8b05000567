/*
 * compare_paired.c - the paired comparison (the same respondents measured
 * twice, joined by their id), and the split of one table into two arms.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"

/* Category index of a one-answer histogram: 0 detractor, 1 passive, 2
 * promoter. */
static int category_index(const nps_hist *h) {
  nps_counts c = nps_hist_counts(h);
  return c.promoters ? 2 : c.passives ? 1 : 0;
}

/* Joins the two id-keyed group lists, in key order: each id answered once
 * in each sample becomes one cell of the transition table (rows: sample
 * 1). */
static nps_status join_sorted(nps_compare *c, const nps_group *const *s0,
                              size_t n0, const nps_group *const *s1, size_t n1,
                              nps_run_error *err) {
  size_t i = 0, j = 0;
  while (i < n0 || j < n1) {
    const nps_group *g[2] = {i < n0 ? s0[i] : NULL, j < n1 ? s1[j] : NULL};
    int d = !g[0]   ? 1
            : !g[1] ? -1
                    : nps_key_compare(g[0]->key, g[0]->key_len, g[1]->key,
                                      g[1]->key_len);
    uint64_t n[2] = {d <= 0 ? nps_hist_total(&g[0]->hist) : 0,
                     d >= 0 ? nps_hist_total(&g[1]->hist) : 0};
    if (!(d <= 0 ? g[0] : g[1])->key_len) { /* no id: left out */
      for (int s = 0; s < 2; s++)
        c->no_id[s] += n[s];
      i += d <= 0;
      j += d >= 0;
      continue;
    }
    for (int s = 0; s < 2; s++)
      if (n[s] > 1) {
        if (err)
          *err = (nps_run_error){s, g[s]->key, g[s]->key_len, n[s], 0};
        return NPS_EINVAL;
      }
    i += d <= 0;
    j += d >= 0;
    if (n[0] && n[1])
      c->pairs
          .count[category_index(&g[1]->hist)][category_index(&g[0]->hist)]++;
    else
      for (int s = 0; s < 2; s++)
        c->unmatched[s] += n[s];
  }
  return NPS_OK;
}

/* The id-keyed tables joined through sorted views (the tables are not
 * changed). */
static nps_status join_pairs(nps_compare *c, const nps_table *const t[2],
                             nps_run_error *err) {
  int ok0, ok1;
  const nps_group **s0 = nps_table_sorted(t[0], &ok0);
  const nps_group **s1 = nps_table_sorted(t[1], &ok1);
  nps_status st = ok0 && ok1 ? join_sorted(c, s0, nps_table_size(t[0]), s1,
                                           nps_table_size(t[1]), err)
                             : NPS_ENOMEM;
  free(s0);
  free(s1);
  return st;
}

/* The matched respondents' margins as the two samples of one row. */
static void margins(nps_compare *c, const nps_table *const t[2],
                    nps_compare_row *r) {
  for (int s = 0; s < 2; s++) {
    nps_hist h;
    nps_table_total(t[s], &h, &r->side[s].missing);
  }
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++) {
      uint64_t n = c->pairs.count[a][b];
      uint64_t *c1[3] = {&r->side[1].counts.detractors,
                         &r->side[1].counts.passives,
                         &r->side[1].counts.promoters};
      uint64_t *c0[3] = {&r->side[0].counts.detractors,
                         &r->side[0].counts.passives,
                         &r->side[0].counts.promoters};
      *c1[a] += n;
      *c0[b] += n;
    }
}

static nps_status compute_paired(nps_compare *c, const nps_table *const t[2],
                                 gsl_rng *rng) {
  c->rows = calloc(1, sizeof *c->rows);
  if (!c->rows)
    return NPS_ENOMEM;
  c->n_rows = 1;
  nps_compare_row *r = &c->rows[0];
  margins(c, t, r);
  nps_status st = NPS_OK;
  for (int i = 0; i < 2 && st == NPS_OK; i++)
    st = nps_compare_side_stats(c, r, i, rng);
  if (st != NPS_OK)
    return st;
  uint64_t n = r->side[0].est.n;
  r->diff = n ? r->side[1].est.nps - r->side[0].est.nps : NAN;
  nps_compare_row_clear(r);
  if (n == 0)
    return NPS_EEMPTY;
  if (n < 2 || n < c->options.min_n) {
    r->untested = NPS_UNTESTED_FEW_PAIRS;
    return NPS_OK;
  }
  const nps_compare_options *o = &c->options;
  /* Both paired tests, side by side; the chosen one gives p and the
   * interval (the sign-flip test's is test-based, so it agrees with p;
   * with a one-sided alternative both give the one-sided bound). */
  static const nps_test2_method both[] = {NPS_TEST2_SIGN_FLIP,
                                          NPS_TEST2_PAIRED};
  for (size_t i = 0; i < 2; i++) {
    nps_compare_test *x = &c->tests[c->n_tests++];
    x->method = both[i];
    x->status =
        both[i] == NPS_TEST2_SIGN_FLIP
            ? nps_test2_sign_flip(&c->pairs, o->alternative, o->level, &x->res)
            : nps_test2_paired(&c->pairs, o->alternative, o->level, &x->res);
    if (x->status != NPS_OK)
      return x->status;
    if (both[i] == o->paired_test)
      r->test = x->res;
  }
  if (isnan(r->test.p)) { /* the z test without spread in the d's */
    r->untested = NPS_UNTESTED_NO_SPREAD;
    return NPS_OK;
  }
  r->p_adjusted = r->test.p;
  r->diff_ci = (nps_diff_ci_result){r->test.ci, r->test.diff,
                                    o->paired_test == NPS_TEST2_PAIRED
                                        ? NPS_DIFF_CI_PAIRED
                                        : NPS_DIFF_CI_TEST,
                                    NULL};
  /* The paired test is a one-sample z test on the differences: its SE
   * plays the role of sqrt(v1/n1) with v0 = 0. */
  double dn = (double)n, v = r->test.se * r->test.se * dn;
  if (v > 0.0) /* without spread no difference is "detectable" */
    nps_compare_mdd_of(c, r, v, dn, 0.0, 1.0);
  return NPS_OK;
}

nps_status nps_compare_paired(const nps_table *const ids[2],
                              const nps_compare_options *opt, nps_compare **out,
                              nps_run_error *err) {
  nps_compare *c;
  nps_status st = nps_compare_new(opt, &c, err);
  if (st != NPS_OK)
    return st;
  c->paired = 1;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  st = rng ? join_pairs(c, ids, err) : NPS_ENOMEM;
  if (st == NPS_OK)
    st = compute_paired(c, ids, rng);
  gsl_rng_free(rng);
  if (st != NPS_OK && st != NPS_EEMPTY) {
    nps_compare_free(c);
    *out = NULL;
    return st;
  }
  nps_compare_decide(c, &c->rows[0]);
  *out = c;
  return st;
}

/* Length of the first key component. */
static size_t first_len(const nps_group *g) {
  const char *sep = memchr(g->key, NPS_KEY_SEP, g->key_len);
  return sep ? (size_t)(sep - g->key) : g->key_len;
}

void nps_compare_first_parts(const nps_table *t, size_t max, const char **part,
                             size_t *len, size_t *n) {
  size_t k = 0;
  for (size_t i = 0; i < nps_table_size(t) && k < max; i++) {
    const nps_group *g = nps_table_group(t, i);
    size_t alen = first_len(g);
    if (k && len[k - 1] == alen && memcmp(part[k - 1], g->key, alen) == 0)
      continue;
    part[k] = g->key;
    len[k++] = alen;
  }
  *n = k;
}

static int arm_side(const char *const arm[2], const size_t arm_len[2],
                    const char *key, size_t len) {
  for (int i = 0; i < 2; i++)
    if (arm_len[i] == len && memcmp(arm[i], key, len) == 0)
      return i;
  return -1;
}

nps_status nps_compare_split_arms(const nps_table *all,
                                  const char *const arm[2],
                                  const size_t arm_len[2], nps_table *out[2],
                                  uint64_t *other) {
  for (size_t i = 0; i < nps_table_size(all); i++) {
    const nps_group *g = nps_table_group(all, i);
    size_t alen = first_len(g);
    int side = arm_side(arm, arm_len, g->key, alen);
    if (side < 0) {
      uint64_t n = nps_hist_total(&g->hist);
      if (*other + n < *other)
        return NPS_EOVERFLOW;
      *other += n;
      continue;
    }
    const char *rest =
        alen < g->key_len ? g->key + alen + 1 : g->key + g->key_len;
    nps_group *dst;
    nps_status st = nps_table_get(out[side], rest,
                                  (size_t)(g->key + g->key_len - rest), &dst);
    if (st == NPS_OK)
      st = nps_hist_merge(&dst->hist, &g->hist);
    if (st != NPS_OK)
      return st;
    if (dst->missing + g->missing < dst->missing)
      return NPS_EOVERFLOW;
    dst->missing += g->missing;
  }
  return NPS_OK;
}
