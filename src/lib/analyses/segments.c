/*
 * segments.c - the segments analysis: rows in the chosen order with their
 * intervals and small-base flags, lumping of small segments, the omnibus
 * test, each segment against the rest, every pair, and the verdicts.
 * The letter display of the pairs is in segments_letters.c. Formulas and
 * the type-I study behind the choices: docs/methods.md, "Segments".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"
#include "nps/segments.h"
#include "segments_internal.h"

static const char other_key[] = "other";

void nps_segments_options_init(nps_segments_options *opt) {
  *opt = (nps_segments_options){.ci = NPS_CI_DEFAULT,
                                .level = 0.95,
                                .replicates = NPS_BOOT_DEFAULT_REPLICATES,
                                .min_n = NPS_SEGMENTS_MIN_N,
                                .adjust = NPS_MULTI_HOLM,
                                .order = {NPS_ORDER_NPS, NULL, 0}};
}

/* ---- rows ---------------------------------------------------------- */

/* Segment rows from the table's groups (first-seen order), with the
 * segments below lump_below merged into one "other" row at the end. */
static nps_status collect(nps_segments *s, const nps_table *t,
                          nps_order_item *items, size_t *n_items) {
  size_t n = nps_table_size(t);
  s->rows = calloc(n + 2, sizeof *s->rows); /* + other + overall */
  if (!s->rows)
    return NPS_ENOMEM;
  nps_segments_row *other = &s->rows[n + 1];
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    const nps_group *g = nps_table_group(t, i);
    nps_counts c = nps_hist_counts(&g->hist);
    uint64_t total = nps_counts_total(&c);
    if (total > 0 && total < s->options.lump_below) {
      other->counts.promoters += c.promoters;
      other->counts.passives += c.passives;
      other->counts.detractors += c.detractors;
      other->missing += g->missing;
      other->lumped++;
      continue;
    }
    s->rows[m] = (nps_segments_row){.key = g->key,
                                    .key_len = g->key_len,
                                    .counts = c,
                                    .missing = g->missing};
    items[m] = (nps_order_item){g->key, g->key_len, i, 0.0, total, m};
    m++;
  }
  *n_items = m;
  return NPS_OK;
}

/* Estimate, interval and small-base flag of a row; its stream is seeded
 * by its key as in the summary, so a segment's interval is the one
 * `summary` gives it. */
static nps_status row_stats(const nps_segments_options *o, gsl_rng *rng,
                            nps_segments_row *r) {
  nps_counts_estimate(&r->counts, &r->est);
  r->est.n = nps_counts_total(&r->counts);
  r->base = r->est.n == 0         ? NPS_BASE_EMPTY
            : r->est.n < o->min_n ? NPS_BASE_BELOW
                                  : NPS_BASE_OK;
  if (r->base == NPS_BASE_EMPTY)
    return NPS_OK;
  r->seed = nps_seed_for_key(o->seed, r->key ? r->key : "", r->key_len);
  gsl_rng_set(rng, r->seed);
  nps_ci_request req = {o->ci, o->level, o->replicates, rng, NULL};
  nps_status st = nps_ci_compute(&r->counts, &req, &r->ci);
  r->has_ci = st == NPS_OK;
  return st;
}

/* Orders the segment rows, appends the lumped row and the overall row. */
static nps_status arrange(nps_segments *s, nps_order_item *items, size_t m,
                          const nps_table *t) {
  size_t n = nps_table_size(t);
  for (size_t i = 0; i < m; i++) {
    nps_estimate e;
    nps_counts_estimate(&s->rows[i].counts, &e);
    items[i].nps = e.nps;
  }
  nps_status st = nps_order_sort(&s->options.order, items, m);
  if (st != NPS_OK)
    return st;
  nps_segments_row *sorted = calloc(n + 2, sizeof *sorted);
  if (!sorted)
    return NPS_ENOMEM;
  for (size_t i = 0; i < m; i++)
    sorted[i] = s->rows[items[i].index];
  size_t k = m;
  if (s->rows[n + 1].lumped) {
    sorted[k] = s->rows[n + 1];
    sorted[k].key = other_key;
    sorted[k].key_len = sizeof other_key - 1;
    k++;
  }
  nps_hist all;
  nps_table_total(t, &all, &sorted[k].missing);
  sorted[k].counts = nps_hist_counts(&all);
  free(s->rows);
  s->rows = sorted;
  s->n_rows = k + 1;
  return NPS_OK;
}

/* ---- tests --------------------------------------------------------- */

/* c1 - c2 for counts (c2 >= c1 componentwise). */
static nps_counts counts_minus(const nps_counts *all, const nps_counts *c) {
  return (nps_counts){all->promoters - c->promoters,
                      all->passives - c->passives,
                      all->detractors - c->detractors};
}

/* The studentized permutation test of g1 - g2 (exact, or Monte Carlo
 * with draws from a stream seeded by seed), and the standard error its
 * interval uses: the test-based |diff| / z_p (Miettinen 1976), so that the
 * interval and the p-value agree; the plug-in Wald SE where that is not
 * defined (p = 0 or 1, or no difference). */
static nps_status perm_test(const nps_counts *g1, const nps_counts *g2,
                            const nps_segments_options *o, unsigned long seed,
                            gsl_rng *rng, nps_segments_test *t) {
  gsl_rng_set(rng, seed);
  nps_status st = nps_test2_permutation(g1, g2, NPS_ALT_TWO_SIDED, o->level,
                                        0.0, o->replicates, rng, &t->test);
  if (st != NPS_OK)
    return st;
  t->tested = 1;
  t->diff = t->test.diff;
  t->se = nps_diff_ci_test_based_se(&t->test);
  return NPS_OK;
}

/* Interval and verdict of a test once its family is adjusted: p_adjusted
 * is the family's p, raised to the gate's p (the omnibus p; NAN: no gate)
 * when the gate is closed (the omnibus p not below alpha), and the z
 * interval at 1 - alpha p / p_adjusted excludes 0 exactly when
 * p_adjusted < alpha. An open gate changes nothing: raising p to a gate p
 * below alpha would not change the verdict, only widen the interval. */
static void finish(nps_segments_test *t, double level, double gate) {
  double alpha = 1.0 - level, p = t->test.p;
  int closed = !isnan(gate) && !(gate < alpha);
  t->p_adjusted = closed ? fmax(t->p_family, gate) : t->p_family;
  double q = t->p_adjusted;
  /* z from the tail itself: with the gate, alpha p / q can be far below
   * the spacing of doubles near 1, where 1 - level would round to 0. */
  double tail = nps_multi_matched_tail(level, p, q);
  t->ci_level = 1.0 - tail;
  double z = gsl_cdf_ugaussian_Qinv(tail / 2.0);
  t->ci = (nps_interval){t->diff - z * t->se, t->diff + z * t->se};
  t->verdict.tested = 1;
  t->verdict.p = q;
  t->verdict.significant = q < alpha;
  t->verdict.direction = (t->diff > 0.0) - (t->diff < 0.0);
}

/* The omnibus p that gates both families; NAN when it did not run. */
static double gate_p(const nps_segments *s) {
  return s->omnibus_verdict.tested ? s->omnibus_verdict.p : NAN;
}

/* Adjusts the p-values of the tests t[0..k) (untested ones stay out of
 * the family), finishes each tested one behind the gate, and returns in
 * *held how many the gate held back. */
static nps_status adjust(const nps_segments_options *o, double gate,
                         nps_segments_test *const *t, size_t k, size_t *held) {
  double *p = calloc(k ? k : 1, sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  for (size_t i = 0; i < k; i++)
    p[i] = t[i]->tested ? t[i]->test.p : NAN;
  nps_status st = nps_multi_adjust(o->adjust, p, k, p);
  *held = 0;
  for (size_t i = 0; i < k && st == NPS_OK; i++) {
    if (!t[i]->tested)
      continue;
    t[i]->p_family = p[i];
    finish(t[i], o->level, gate);
    t[i]->held_back = p[i] < 1.0 - o->level && !t[i]->verdict.significant;
    *held += (size_t)t[i]->held_back;
  }
  free(p);
  return st;
}

static int tested(const nps_segments_row *r) {
  return r->base == NPS_BASE_OK;
}

/* Each tested segment against all other answers. */
static nps_status vs_rest(nps_segments *s, gsl_rng *rng) {
  const nps_segments_row *all = nps_segments_overall(s);
  for (size_t i = 0; i + 1 < s->n_rows; i++) {
    nps_segments_row *r = &s->rows[i];
    nps_counts rest = counts_minus(&all->counts, &r->counts);
    if (!tested(r) || nps_counts_total(&rest) == 0)
      continue;
    nps_status st =
        perm_test(&r->counts, &rest, &s->options,
                  nps_seed_for_key(r->seed, "rest", 4), rng, &r->vs_rest);
    if (st != NPS_OK)
      return st;
  }
  size_t k = s->n_rows - 1;
  nps_segments_test **t = malloc((k ? k : 1) * sizeof *t);
  if (!t)
    return NPS_ENOMEM;
  for (size_t i = 0; i < k; i++)
    t[i] = &s->rows[i].vs_rest;
  /* Two tested segments and no other answers: each against the rest is
   * the same comparison seen from both sides, a family of one. */
  nps_segments_options o = s->options;
  if (s->n_tested == 2 && s->n_small == 0)
    o.adjust = NPS_MULTI_NONE;
  nps_status st = adjust(&o, gate_p(s), t, k, &s->held_back);
  free(t);
  return st;
}

/* Every pair of tested segments, in row order. */
static nps_status pairwise(nps_segments *s, gsl_rng *rng) {
  size_t k = s->n_tested;
  if (k > NPS_SEGMENTS_MAX_PAIRWISE)
    return NPS_EINVAL;
  s->pairs = calloc(k * (k - 1) / 2 + 1, sizeof *s->pairs);
  if (!s->pairs)
    return NPS_ENOMEM;
  for (size_t a = 0; a + 1 < s->n_rows; a++) {
    for (size_t b = a + 1; b + 1 < s->n_rows; b++) {
      if (!tested(&s->rows[a]) || !tested(&s->rows[b]))
        continue;
      nps_segments_pair *pr = &s->pairs[s->n_pairs++];
      pr->a = a;
      pr->b = b;
      const nps_segments_row *rb = &s->rows[b];
      nps_status st = perm_test(
          &s->rows[a].counts, &rb->counts, &s->options,
          nps_seed_for_key(s->rows[a].seed, rb->key, rb->key_len), rng, &pr->t);
      if (st != NPS_OK)
        return st;
    }
  }
  nps_segments_test **t = malloc((s->n_pairs + 1) * sizeof *t);
  if (!t)
    return NPS_ENOMEM;
  for (size_t i = 0; i < s->n_pairs; i++)
    t[i] = &s->pairs[i].t;
  nps_status st =
      adjust(&s->options, gate_p(s), t, s->n_pairs, &s->pairs_held_back);
  free(t);
  return st == NPS_OK ? nps_segments_letters(s) : st;
}

/* The omnibus test over the tested segments; its permutation p decides
 * (exact in size when the segments share one distribution, at any n), with
 * the draws capped by NPS_SEGMENTS_PERM_BUDGET. */
static nps_status omnibus(nps_segments *s, gsl_rng *rng) {
  size_t k = 0;
  nps_counts *g = malloc((s->n_rows ? s->n_rows : 1) * sizeof *g);
  if (!g)
    return NPS_ENOMEM;
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    if (tested(&s->rows[i]))
      g[k++] = s->rows[i].counts;
  size_t draws = 0;
  if (k >= 2) {
    size_t budget = NPS_SEGMENTS_PERM_BUDGET / k;
    draws = s->options.replicates < budget ? s->options.replicates : budget;
    if (draws < NPS_SEGMENTS_MIN_DRAWS)
      draws = NPS_SEGMENTS_MIN_DRAWS;
    gsl_rng_set(rng, nps_seed_for_key(s->options.seed, "omnibus", 7));
  }
  nps_status st = nps_multi_omnibus(g, k, draws, rng, &s->omnibus);
  free(g);
  if (st != NPS_OK || s->omnibus.k < 2)
    return st;
  double p = s->omnibus.perm_p;
  s->omnibus_verdict =
      (nps_verdict){1,  p < 1.0 - s->options.level, 0,
                    p,  NPS_CONFLICT_NONE,          NPS_TEST2_PERMUTATION,
                    NAN};
  return NPS_OK;
}

/* ---- the whole analysis -------------------------------------------- */

/* Too many thin segments: more than NPS_SEGMENTS_THIN_COUNT, or a median
 * interval half-width over NPS_SEGMENTS_THIN_HALF_WIDTH. */
static nps_status thin(nps_segments *s) {
  size_t k = 0, segments = s->n_rows - 1;
  double *hw = malloc((segments ? segments : 1) * sizeof *hw);
  if (!hw)
    return NPS_ENOMEM;
  for (size_t i = 0; i < segments; i++)
    if (s->rows[i].has_ci)
      hw[k++] = (s->rows[i].ci.iv.hi - s->rows[i].ci.iv.lo) / 2.0;
  qsort(hw, k, sizeof *hw, nps_compare_doubles);
  s->median_half_width = k == 0  ? NAN
                         : k % 2 ? hw[k / 2]
                                 : (hw[k / 2 - 1] + hw[k / 2]) / 2.0;
  free(hw);
  s->thin = segments > NPS_SEGMENTS_THIN_COUNT ||
            s->median_half_width > NPS_SEGMENTS_THIN_HALF_WIDTH;
  return NPS_OK;
}

static nps_status analyse(nps_segments *s, gsl_rng *rng) {
  nps_status st = NPS_OK;
  for (size_t i = 0; i < s->n_rows && st == NPS_OK; i++) {
    st = row_stats(&s->options, rng, &s->rows[i]);
    if (i + 1 < s->n_rows) {
      s->n_tested += tested(&s->rows[i]);
      s->n_small += s->rows[i].base == NPS_BASE_BELOW;
    }
  }
  /* The omnibus test first: it gates both families. Every test draws
   * from its own seeded stream, so the order changes no number. */
  if (st == NPS_OK)
    st = omnibus(s, rng);
  if (st == NPS_OK)
    st = vs_rest(s, rng);
  if (st == NPS_OK && s->options.pairwise)
    st = pairwise(s, rng);
  if (st == NPS_OK)
    st = thin(s);
  int any = 0;
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    any |= s->rows[i].vs_rest.verdict.significant;
  s->answer = !s->omnibus_verdict.tested        ? NPS_SEGMENTS_NOT_COMPARED
              : !s->omnibus_verdict.significant ? NPS_SEGMENTS_NO_EVIDENCE
              : any                             ? NPS_SEGMENTS_DIFFER
                                                : NPS_SEGMENTS_DIFFER_OVERALL;
  return st;
}

nps_status nps_segments_run(const nps_table *t, const nps_segments_options *opt,
                            nps_segments **out, nps_run_error *err) {
  *out = NULL;
  nps_run_error_clear(err);
  if (!nps_level_valid(opt->level) || opt->replicates == 1)
    return NPS_EINVAL;
  nps_segments *s = calloc(1, sizeof *s);
  size_t n = nps_table_size(t);
  nps_order_item *items = malloc((n ? n : 1) * sizeof *items);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  nps_status st = s && items && rng ? NPS_OK : NPS_ENOMEM;
  if (st == NPS_OK) {
    s->options = *opt;
    if (!s->options.replicates)
      s->options.replicates = NPS_BOOT_DEFAULT_REPLICATES;
    size_t m = 0;
    st = collect(s, t, items, &m);
    if (st == NPS_OK)
      st = arrange(s, items, m, t);
  }
  if (st == NPS_OK)
    st = analyse(s, rng);
  free(items);
  gsl_rng_free(rng);
  if (st == NPS_OK && nps_segments_overall(s)->est.n == 0)
    st = NPS_EEMPTY;
  if (st == NPS_EINVAL && err && s->n_tested > NPS_SEGMENTS_MAX_PAIRWISE)
    err->count = s->n_tested;
  if (st != NPS_OK && st != NPS_EEMPTY) {
    nps_segments_free(s);
    return st;
  }
  *out = s;
  return st;
}

const char *nps_segments_answer_name(nps_segments_answer a) {
  switch (a) {
  case NPS_SEGMENTS_NOT_COMPARED:
    return "not-compared";
  case NPS_SEGMENTS_NO_EVIDENCE:
    return "no-evidence";
  case NPS_SEGMENTS_DIFFER_OVERALL:
    return "differ-overall";
  case NPS_SEGMENTS_DIFFER:
    return "differ";
  }
  return "unknown";
}

const nps_segments_row *nps_segments_overall(const nps_segments *s) {
  return &s->rows[s->n_rows - 1];
}

void nps_segments_free(nps_segments *s) {
  if (!s)
    return;
  free(s->rows);
  free(s->pairs);
  free(s->letter_buf);
  free(s);
}
