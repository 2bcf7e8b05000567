/*
 * benchmark.c - our NPS against competitors' published numbers: one
 * comparison per competitor by what its row gives (full, conservative or
 * fixed; benchmark.h), the adjustment across competitors, the verdicts,
 * our rank with a bootstrap rank interval, the industry band of our
 * interval, and the context columns that differ from ours.
 *
 * It reads nothing (competitors.c does) and prints nothing. Formulas and
 * their shortcomings: docs/methods.md, "Benchmark against competitors".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "internal.h"
#include "nps/benchmark.h"
#include "nps/summary.h"

void nps_benchmark_options_init(nps_benchmark_options *opt) {
  memset(opt, 0, sizeof *opt);
  opt->ci = NPS_CI_DEFAULT;
  opt->level = 0.95;
  opt->adjust = NPS_MULTI_HOLM;
  opt->draw_conservative = 1;
}

const char *nps_benchmark_kind_name(nps_benchmark_kind kind) {
  switch (kind) {
  case NPS_BENCHMARK_OURS:
    return "ours";
  case NPS_BENCHMARK_FULL:
    return "full";
  case NPS_BENCHMARK_CONSERVATIVE:
    return "conservative";
  case NPS_BENCHMARK_FIXED:
    return "fixed";
  }
  return "unknown";
}

/* max pP + pD - theta^2 subject to pP - pD = theta, pP, pD >= 0,
 * pP + pD <= 1: pP + pD = theta + 2 pD grows with pD, so the maximum is at
 * pP + pD = 1 (no passives), where the variance is 1 - theta^2. */
double nps_benchmark_worst_var(double theta) {
  double v = 1.0 - theta * theta;
  return v > 0 ? v : 0;
}

static unsigned long party_seed(const nps_benchmark *b,
                                const nps_benchmark_party *p) {
  /* Ours gets a stream of its own even when a competitor has our name. */
  unsigned long base = b->options.seed + (p->kind == NPS_BENCHMARK_OURS);
  return nps_seed_for_key(base, p->name, p->name_len);
}

static nps_status one_ci(const nps_benchmark *b, nps_benchmark_party *p,
                         gsl_rng *rng) {
  const nps_benchmark_options *o = &b->options;
  gsl_rng_set(rng, party_seed(b, p));
  nps_ci_request req = {o->ci, o->level, o->replicates, rng, NULL};
  nps_ci_result res;
  nps_status st = nps_ci_compute(&p->counts, &req, &res);
  if (st == NPS_OK) {
    p->ci = res.iv;
    p->has_ci = 1;
  }
  return st;
}

/* Two-sided normal p of diff / se; se = 0: 0 unless diff = 0. */
static double z_p(double diff, double se) {
  if (se > 0)
    return 2.0 * gsl_cdf_ugaussian_Q(fabs(diff) / se);
  return diff == 0 ? 1.0 : 0.0;
}

/* The interval of the difference at level: MOVER for full (through
 * nps_diff_ci_compute), the z interval for conservative, our adjusted-Wald
 * interval minus their value for fixed. */
static nps_status diff_interval(const nps_benchmark *b, const nps_counts *ours,
                                const nps_benchmark_party *p, double level,
                                gsl_rng *rng, nps_interval *out) {
  if (p->kind == NPS_BENCHMARK_FULL) {
    nps_diff_ci_request dr = {NPS_DIFF_CI_DEFAULT,
                              NPS_ALT_TWO_SIDED,
                              level,
                              b->options.replicates,
                              rng,
                              NULL};
    nps_diff_ci_result d;
    nps_status st = nps_diff_ci_compute(ours, &p->counts, &dr, &d);
    *out = d.iv;
    return st;
  }
  if (p->kind == NPS_BENCHMARK_CONSERVATIVE) {
    double z = nps_z_for_level(level);
    *out = (nps_interval){p->diff - z * p->diff_se, p->diff + z * p->diff_se};
    return NPS_OK;
  }
  double centre;
  nps_interval iv;
  nps_status st = nps_interval_adjusted_wald(ours, level, &iv, &centre);
  *out = (nps_interval){iv.lo - p->nps, iv.hi - p->nps};
  return st;
}

static nps_status compare_full(const nps_benchmark *b, const nps_counts *ours,
                               nps_benchmark_party *p, gsl_rng *rng) {
  const nps_benchmark_options *o = &b->options;
  gsl_rng_set(rng, party_seed(b, p));
  nps_test2_request req = {NPS_TEST2_DEFAULT,
                           NPS_ALT_TWO_SIDED,
                           o->level,
                           o->replicates,
                           0,
                           rng,
                           NULL};
  nps_test2_result t;
  nps_status st = nps_test2_compute(ours, &p->counts, &req, &t);
  if (st != NPS_OK)
    return st;
  p->p = t.p;
  p->test = t.method;
  p->diff = t.diff;
  return diff_interval(b, ours, p, o->level, rng, &p->diff_ci);
}

/* NPS and n: var(diff) = V_ours / n_ours + (1 - theta_c^2) / n_c. */
static void compare_conservative(const nps_benchmark *b,
                                 const nps_estimate *ours,
                                 nps_benchmark_party *p) {
  double z = nps_z_for_level(b->options.level);
  double vc = nps_benchmark_worst_var(p->nps);
  p->se = sqrt(vc / (double)p->n);
  p->ci =
      nps_interval_clip((nps_interval){p->nps - z * p->se, p->nps + z * p->se});
  p->has_ci = 1;
  p->diff = ours->nps - p->nps;
  p->diff_se = sqrt(ours->var / (double)ours->n + vc / (double)p->n);
  p->p = z_p(p->diff, p->diff_se);
  p->diff_ci =
      (nps_interval){p->diff - z * p->diff_se, p->diff + z * p->diff_se};
}

/* NPS only: our adjusted-Wald interval (centre c, SE s) against their
 * value t: p = 2 Q(|c - t| / s), interval [lo - t, hi - t]; the two agree
 * exactly. */
static nps_status compare_fixed(const nps_benchmark *b,
                                const nps_counts *ours_c,
                                const nps_estimate *ours,
                                nps_benchmark_party *p) {
  double level = b->options.level, centre;
  nps_interval iv;
  nps_status st = nps_interval_adjusted_wald(ours_c, level, &iv, &centre);
  if (st != NPS_OK)
    return st;
  p->diff_se = (iv.hi - centre) / nps_z_for_level(level);
  p->diff = ours->nps - p->nps;
  p->p = z_p(centre - p->nps, p->diff_se);
  p->diff_ci = (nps_interval){iv.lo - p->nps, iv.hi - p->nps};
  return NPS_OK;
}

/* The interval at the level matched to the adjusted p (as segments does):
 * alpha' = alpha p / p_adjusted, so that p < alpha' exactly when
 * p_adjusted < alpha. */
static nps_status match(const nps_benchmark *b, const nps_counts *ours,
                        nps_benchmark_party *p, gsl_rng *rng) {
  p->level_matched =
      nps_multi_matched_level(b->options.level, p->p, p->p_adjusted);
  if (p->level_matched == b->options.level) {
    p->diff_ci_matched = p->diff_ci;
    return NPS_OK;
  }
  gsl_rng_set(rng, party_seed(b, p));
  return diff_interval(b, ours, p, p->level_matched, rng, &p->diff_ci_matched);
}

/* The verdict as compare decides it: significant when the adjusted p is
 * below alpha and the interval at the matched level agrees; when they
 * disagree, borderline (possible only for full, whose MOVER interval is
 * not built from its test). */
static void decide(const nps_benchmark *b, nps_benchmark_party *p) {
  double alpha = 1.0 - b->options.level;
  nps_verdict *v = &p->verdict;
  *v = (nps_verdict){1, 0, 0, p->p_adjusted, NPS_CONFLICT_NONE, p->test, NAN};
  v->direction = p->diff > 0 ? 1 : p->diff < 0 ? -1 : 0;
  int rejects = p->p_adjusted < alpha;
  nps_interval iv = p->diff_ci_matched;
  int excludes = iv.lo > 0 || iv.hi < 0;
  if (!isnan(iv.lo) && excludes != rejects)
    v->conflict = NPS_CONFLICT_INTERVAL;
  v->significant = rejects && v->conflict == NPS_CONFLICT_NONE;
}

static void init_party(nps_benchmark_party *p, const nps_competitor *c) {
  memset(p, 0, sizeof *p);
  p->diff = p->p = p->p_adjusted = p->se = p->diff_se = NAN;
  p->ci = p->diff_ci = p->diff_ci_matched = (nps_interval){NAN, NAN};
  p->level_matched = NAN;
  p->test = NPS_TEST2_DEFAULT;
  if (!c)
    return;
  p->src = c;
  p->name = c->name;
  p->name_len = c->name_len;
  p->nps = c->nps;
  p->has_n = c->has_n;
  p->n = c->n;
  p->counts = c->counts;
  p->kind = c->has_counts ? NPS_BENCHMARK_FULL
            : c->has_n    ? NPS_BENCHMARK_CONSERVATIVE
                          : NPS_BENCHMARK_FIXED;
}

/* A competitor kept out for another year, region or survey type: its
 * difference and interval at the run's level are kept for reference; no
 * adjusted p, no verdict. */
static void leave_out(const nps_benchmark *b, nps_benchmark_party *p) {
  p->diff_ci_matched = p->diff_ci;
  p->level_matched = b->options.level;
  p->verdict = (nps_verdict){0, 0, 0, NAN, NPS_CONFLICT_NONE, p->test, NAN};
  p->verdict.direction = p->diff > 0 ? 1 : p->diff < 0 ? -1 : 0;
}

static nps_status compare_all(nps_benchmark *b, const nps_counts *ours,
                              const nps_estimate *est, gsl_rng *rng) {
  nps_status st = NPS_OK;
  double *p = malloc(b->n_parties * sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  b->family = 0;
  for (size_t i = 1; i < b->n_parties && st == NPS_OK; i++) {
    nps_benchmark_party *q = &b->parties[i];
    if (q->kind == NPS_BENCHMARK_FULL) {
      st = one_ci(b, q, rng);
      if (st == NPS_OK)
        st = compare_full(b, ours, q, rng);
    } else if (q->kind == NPS_BENCHMARK_CONSERVATIVE) {
      compare_conservative(b, est, q);
    } else {
      st = compare_fixed(b, ours, est, q);
    }
    if (q->comparable)
      p[b->family++] = q->p;
  }
  if (st == NPS_OK && b->family)
    st = nps_multi_adjust(b->options.adjust, p, b->family, p);
  for (size_t i = 1, k = 0; i < b->n_parties && st == NPS_OK; i++) {
    nps_benchmark_party *q = &b->parties[i];
    if (!q->comparable) {
      leave_out(b, q);
      continue;
    }
    q->p_adjusted = p[k++];
    st = match(b, ours, q, rng);
    if (st == NPS_OK)
      decide(b, q);
  }
  free(p);
  return st;
}

/* ---- rank ---- */

/* One replicate of party p's NPS from its own stream. */
static double draw(const nps_benchmark *b, const nps_benchmark_party *p,
                   gsl_rng *r) {
  nps_counts c;
  switch (p->kind) {
  case NPS_BENCHMARK_OURS:
  case NPS_BENCHMARK_FULL:
    nps_boot_counts_replicate(&p->counts, r, &c);
    return nps_count_diff(c.promoters, c.detractors) / (double)p->n;
  case NPS_BENCHMARK_CONSERVATIVE:
    if (b->options.draw_conservative) {
      double x = p->nps + gsl_ran_gaussian(r, p->se);
      return x < -1 ? -1 : x > 1 ? 1 : x;
    }
    return p->nps;
  case NPS_BENCHMARK_FIXED:
    break;
  }
  return p->nps;
}

/* Q(q) = min{r : F(r) >= q} of the replicate ranks. */
static size_t rank_quantile(const size_t *tally, size_t k, size_t B, double q) {
  double need = q * (double)B - 1e-9;
  size_t cum = 0;
  for (size_t r = 0; r < k; r++) {
    cum += tally[r];
    if ((double)cum >= need)
      return r + 1;
  }
  return k;
}

static nps_status rank_bootstrap(nps_benchmark *b) {
  size_t k = b->n_parties, B = b->replicates;
  gsl_rng **rng = calloc(k, sizeof *rng);
  size_t *tally = calloc(k, sizeof *tally);
  double *x = malloc(k * sizeof *x);
  b->rank_share = calloc(k, sizeof *b->rank_share);
  nps_status st = rng && tally && x && b->rank_share ? NPS_OK : NPS_ENOMEM;
  for (size_t j = 0; j < k && st == NPS_OK; j++) {
    rng[j] = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng[j])
      st = NPS_ENOMEM;
    else
      gsl_rng_set(rng[j], party_seed(b, &b->parties[j]) ^ 0x9e3779b9u);
  }
  for (size_t i = 0; i < B && st == NPS_OK; i++) {
    for (size_t j = 0; j < k; j++)
      x[j] = draw(b, &b->parties[j], rng[j]);
    size_t above = 0;
    for (size_t j = 0; j < k; j++)
      above += j != b->ours && b->parties[j].comparable && x[j] > x[b->ours];
    tally[above]++;
  }
  if (st == NPS_OK) {
    double alpha = 1.0 - b->options.level;
    size_t m = b->n_ranked;
    for (size_t r = 0; r < m; r++)
      b->rank_share[r] = (double)tally[r] / (double)B;
    b->rank_lo = rank_quantile(tally, m, B, alpha / 2);
    b->rank_hi = rank_quantile(tally, m, B, 1 - alpha / 2);
  }
  for (size_t j = 0; rng && j < k; j++)
    gsl_rng_free(rng[j]);
  free(rng);
  free(tally);
  free(x);
  return st;
}

/* ---- order, bands, context ---- */

/* NPS, highest first; ties: ours, then file order, then name (rows from
 * raw answers have line 0). */
static int by_nps(const void *pa, const void *pb) {
  const nps_benchmark_party *a = pa, *b = pb;
  if (a->nps != b->nps)
    return a->nps > b->nps ? -1 : 1;
  if (!a->src || !b->src)
    return !a->src ? (b->src ? -1 : 0) : 1;
  if (a->src->line != b->src->line)
    return a->src->line < b->src->line ? -1 : 1;
  return strcmp(a->name, b->name);
}

static void order(nps_benchmark *b) {
  qsort(b->parties, b->n_parties, sizeof *b->parties, by_nps);
  for (size_t i = 0; i < b->n_parties; i++)
    if (b->parties[i].kind == NPS_BENCHMARK_OURS)
      b->ours = i;
  const nps_benchmark_party *o = &b->parties[b->ours];
  b->rank = 1;
  b->n_ranked = 0;
  for (size_t i = 0; i < b->n_parties; i++) {
    b->rank += b->parties[i].comparable && b->parties[i].nps > o->nps;
    b->n_ranked += b->parties[i].comparable != 0;
  }
}

static void bands(nps_benchmark *b, const nps_competitors *comp) {
  const nps_interval *iv = &b->parties[b->ours].ci;
  b->band_below = b->band_above = -1;
  for (int i = 0; i < NPS_BENCHMARK_BANDS; i++) {
    double v = comp->band[i];
    if (isnan(v))
      continue;
    b->n_bands++;
    if (v <= iv->lo)
      b->band_below = i;
    if (v >= iv->hi && b->band_above < 0)
      b->band_above = i;
  }
}

/* The most common value of context column j (ties: the first seen). */
static const char *most_common(const nps_competitors *comp, int j) {
  const char *best = NULL;
  size_t best_n = 0;
  for (size_t i = 0; i < comp->n_rows; i++) {
    const char *v = comp->rows[i].context[j];
    if (!v)
      continue;
    size_t n = 0;
    for (size_t m = 0; m < comp->n_rows; m++)
      n += comp->rows[m].context[j] &&
           strcasecmp(comp->rows[m].context[j], v) == 0;
    if (n > best_n)
      best = v, best_n = n;
  }
  return best;
}

static void context(nps_benchmark *b, const nps_competitors *comp) {
  for (int j = 0; j < NPS_CONTEXT_N; j++) {
    const char *given = b->options.ours_context[j];
    b->context_given[j] = given != NULL;
    b->context[j] = given ? given : most_common(comp, j);
  }
  for (size_t i = 0; i < b->n_parties; i++) {
    nps_benchmark_party *p = &b->parties[i];
    for (int j = 0; p->src && j < NPS_CONTEXT_N; j++) {
      const char *v = p->src->context[j];
      if (v && b->context[j] && strcasecmp(v, b->context[j]) != 0)
        p->mismatch |= 1u << j;
    }
    b->n_mismatch += p->mismatch != 0;
    p->comparable = !p->mismatch || b->options.rank_unlike;
    b->n_unlike += !p->comparable;
  }
}

/* ---- the analysis ---- */

static nps_status setup(const nps_counts *ours, const nps_competitors *comp,
                        const nps_benchmark_options *opt, nps_benchmark **out) {
  if (!ours || !comp || !opt || !out || !nps_level_valid(opt->level) ||
      comp->n_rows == 0 || opt->adjust > NPS_MULTI_BONFERRONI ||
      opt->replicates == 1)
    return NPS_EINVAL;
  nps_benchmark *b = calloc(1, sizeof *b);
  if (!b)
    return NPS_ENOMEM;
  *out = b;
  b->options = *opt;
  b->replicates =
      opt->replicates ? opt->replicates : NPS_BENCHMARK_DEFAULT_REPLICATES;
  b->options.replicates = b->replicates;
  b->adjust = opt->adjust;
  const char *label = opt->ours_label ? opt->ours_label : "us";
  b->ours_name = strdup(label);
  b->n_parties = comp->n_rows + 1;
  b->parties = calloc(b->n_parties, sizeof *b->parties);
  if (!b->ours_name || !b->parties)
    return NPS_ENOMEM;
  b->options.ours_label = b->ours_name;
  nps_benchmark_party *p = &b->parties[0];
  init_party(p, NULL);
  p->kind = NPS_BENCHMARK_OURS;
  p->name = b->ours_name;
  p->name_len = strlen(b->ours_name);
  p->counts = *ours;
  for (size_t i = 0; i < comp->n_rows; i++)
    init_party(&b->parties[i + 1], &comp->rows[i]);
  return NPS_OK;
}

static nps_status analyse(nps_benchmark *b, const nps_counts *ours,
                          const nps_competitors *comp, gsl_rng *rng) {
  nps_estimate est;
  nps_status st = nps_counts_estimate(ours, &est);
  if (st != NPS_OK)
    return st;
  nps_benchmark_party *p = &b->parties[0];
  p->has_n = 1;
  p->n = est.n;
  p->nps = est.nps;
  /* The context first: it decides which competitors are comparable. */
  context(b, comp);
  st = one_ci(b, p, rng);
  if (st == NPS_OK)
    st = compare_all(b, ours, &est, rng);
  if (st != NPS_OK)
    return st;
  order(b);
  bands(b, comp);
  return rank_bootstrap(b);
}

nps_status nps_benchmark_run(const nps_counts *ours,
                             const nps_competitors *comp,
                             const nps_benchmark_options *opt,
                             nps_benchmark **out, nps_run_error *err) {
  nps_benchmark *b = NULL;
  nps_run_error_clear(err);
  nps_status st = setup(ours, comp, opt, &b);
  if (st == NPS_OK) {
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    st = rng ? analyse(b, ours, comp, rng) : NPS_ENOMEM;
    gsl_rng_free(rng);
  }
  if (st != NPS_OK) {
    nps_benchmark_free(b);
    b = NULL;
  }
  if (out)
    *out = b;
  return st;
}

void nps_benchmark_free(nps_benchmark *b) {
  if (!b)
    return;
  free(b->parties);
  free(b->rank_share);
  free(b->ours_name);
  free(b);
}
