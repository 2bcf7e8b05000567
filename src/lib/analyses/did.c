/*
 * did.c - the difference-in-differences analysis (did.h): four cells,
 * each arm's change, the DiD by a Wald z test with its own interval and by
 * a bootstrap with its percentile interval and p from the same replicates,
 * and the verdict that calls a DiD significant only when all four agree.
 *
 * It combines the estimators (ci, diffci, boot) and makes the decisions;
 * it reads nothing and prints nothing. Splitting one file's table by arm
 * and period is here too, since only this analysis needs it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "internal.h"
#include "nps/boot.h"
#include "nps/did.h"
#include "nps/interval.h"
#include "nps/order.h"
#include "nps/summary.h"

void nps_did_options_init(nps_did_options *opt) {
  *opt = (nps_did_options){.ci = NPS_CI_DEFAULT,
                           .level = 0.95,
                           .replicates = NPS_BOOT_DEFAULT_REPLICATES,
                           .min_n = NPS_DID_MIN_N,
                           .change_ci = NPS_DIFF_CI_WALD};
}

static const char *arm_name(const nps_did_options *o, int a) {
  return o->arm[a] ? o->arm[a] : a ? "pilot" : "control";
}

static const char *period_name(const nps_did_options *o, int p) {
  return o->period[p] ? o->period[p] : p ? "after" : "before";
}

/* The variance of one answer that the z tests use: V = pP + pD - theta^2,
 * or, when V = 0 (one category), the adjusted-Wald variance from counts
 * +0.75/+1.5/+0.75 (Rocks 2016), as the omnibus test does, so that no
 * standard error is 0. */
static void cell_variance(nps_did_cell *c) {
  double p, a, d, n;
  nps_counts_as_double(&c->counts, &p, &a, &d, &n);
  c->var = c->est.var;
  c->adjusted = !(c->var > 0.0);
  if (c->adjusted) {
    double m = n + 3.0, pp = (p + 0.75) / m, pd = (d + 0.75) / m;
    c->var = pp + pd - (pp - pd) * (pp - pd);
  }
}

/* A cell's estimate and its own interval, seeded by the arm's name and
 * then the period's (nps_seed_for_key), as compare seeds a sample. */
static nps_status cell_stats(nps_did *r, int i, gsl_rng *rng) {
  const nps_did_options *o = &r->options;
  nps_did_cell *c = &r->cell[i];
  nps_counts_estimate(&c->counts, &c->est);
  c->est.n = nps_counts_total(&c->counts);
  if (c->est.n == 0)
    return NPS_OK;
  cell_variance(c);
  c->small = c->est.n < o->min_n;
  const char *arm = arm_name(o, i / 2), *per = period_name(o, i % 2);
  unsigned long seed = nps_seed_for_key(o->seed, arm, strlen(arm));
  gsl_rng_set(rng, nps_seed_for_key(seed, per, strlen(per)));
  nps_ci_request req = {o->ci, o->level, o->replicates, rng, NULL};
  nps_status st = nps_ci_compute(&c->counts, &req, &c->ci);
  c->has_ci = st == NPS_OK;
  return st;
}

static double two_sided_p(double z) {
  return fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(fabs(z)));
}

/* Sum of V_g / n_g over the cells in mask order. */
static double se_of(const nps_did *r, const int *cells, size_t k) {
  double s = 0;
  for (size_t i = 0; i < k; i++) {
    const nps_did_cell *c = &r->cell[cells[i]];
    s += c->var / (double)c->est.n;
  }
  return sqrt(s);
}

/* Arm a's change: Wald z on the cells' variances, and the interval of
 * the difference by options.change_ci: by default the z test's own
 * interval diff +- z SE (it agrees with p); another method through
 * nps_diff_ci_compute, seeded by the arm's name. */
static nps_status arm_change(nps_did *r, int a, gsl_rng *rng) {
  const nps_did_options *o = &r->options;
  nps_did_change *ch = &r->change[a];
  const nps_did_cell *b = &r->cell[2 * a], *f = &r->cell[2 * a + 1];
  ch->ci = (nps_diff_ci_result){{NAN, NAN}, NAN, NPS_DIFF_CI_NONE, NULL};
  ch->se = ch->z = ch->p = NAN;
  ch->diff = b->est.n && f->est.n ? f->est.nps - b->est.nps : NAN;
  ch->tested = b->est.n && f->est.n && !b->small && !f->small;
  if (!ch->tested)
    return NPS_OK;
  const int cells[2] = {2 * a, 2 * a + 1};
  ch->se = se_of(r, cells, 2);
  ch->z = ch->diff / ch->se;
  ch->p = two_sided_p(ch->z);
  if (o->change_ci == NPS_DIFF_CI_WALD) { /* the z test's own interval */
    double z = nps_z_for_level(o->level);
    ch->ci =
        (nps_diff_ci_result){{ch->diff - z * ch->se, ch->diff + z * ch->se},
                             ch->diff,
                             NPS_DIFF_CI_WALD,
                             NULL};
    return NPS_OK;
  }
  const char *arm = arm_name(o, a);
  gsl_rng_set(rng, nps_seed_for_key(o->seed, arm, strlen(arm)));
  nps_diff_ci_request req = {
      o->change_ci, NPS_ALT_TWO_SIDED, o->level, o->replicates, rng, NULL};
  return nps_diff_ci_compute(&f->counts, &b->counts, &req, &ch->ci);
}

static int excludes_zero(nps_interval iv) {
  return iv.lo > 0 || iv.hi < 0;
}

/* The Wald z test of the DiD and its interval DiD +- z_level SE. */
static void did_wald(nps_did *r) {
  static const int all[NPS_DID_CELLS] = {0, 1, 2, 3};
  r->se = se_of(r, all, NPS_DID_CELLS);
  r->z = r->did / r->se;
  r->p = two_sided_p(r->z);
  double h = nps_z_for_level(r->options.level) * r->se;
  r->wald_ci = (nps_interval){r->did - h, r->did + h};
}

/* DiD* of one replicate: each cell drawn Multinomial(n_g, p-hat_g). */
static nps_status did_replicate(const nps_did *r, gsl_rng *rng, double *out) {
  double theta[NPS_DID_CELLS];
  for (int i = 0; i < NPS_DID_CELLS; i++) {
    nps_counts x;
    nps_status st = nps_boot_counts_replicate(&r->cell[i].counts, rng, &x);
    if (st != NPS_OK)
      return st;
    theta[i] =
        nps_count_diff(x.promoters, x.detractors) / (double)r->cell[i].est.n;
  }
  *out = (theta[3] - theta[2]) - (theta[1] - theta[0]);
  return NPS_OK;
}

/* The bootstrap p from the sorted DiD*: the inverted percentile interval,
 * the smallest alpha at which the percentile interval at level 1 - alpha
 * (nps_boot_quantile, linear interpolation at h = (B - 1) q) excludes 0.
 * Its lower limit Q(alpha/2) is above 0 exactly when h > k - 1 + t, k the
 * replicates <= 0 and t where the interpolation between the k-th and the
 * next crosses 0; its upper limit below 0 exactly when h < m - 1 + u, m
 * the replicates < 0. So p < alpha exactly when the percentile interval
 * excludes 0 (a mass of replicates at 0 counts against rejecting, as a
 * closed interval holds 0). Capped at 1; when below 1/B, p_floor is set
 * and the p shown is 1/B; *raw keeps the unfloored value for the
 * verdict. B >= 2 (nps_did_run). */
static void boot_p(nps_did *r, const double *s, size_t B, double *raw) {
  size_t k = nps_sorted_count_below(s, B, 0.0, 1);
  size_t m = nps_sorted_count_below(s, B, 0.0, 0);
  double span = (double)(B - 1);
  double lower = 1.0, upper = 1.0;
  if (k == 0)
    lower = 0.0;
  else if (k < B) {
    double t = s[k - 1] == 0.0 ? 0.0 : -s[k - 1] / (s[k] - s[k - 1]);
    lower = 2.0 * ((double)(k - 1) + t) / span;
  }
  if (m == B)
    upper = 0.0;
  else if (m > 0) {
    double u = -s[m - 1] / (s[m] - s[m - 1]);
    upper = 2.0 * ((double)B - (double)m - u) / span;
  }
  double p = fmin(1.0, fmin(lower, upper));
  *raw = p;
  r->boot_p_floor = p < 1.0 / (double)B;
  r->boot_p = r->boot_p_floor ? 1.0 / (double)B : p;
}

static nps_status did_bootstrap(nps_did *r, gsl_rng *rng) {
  size_t B = r->options.replicates;
  double *v = malloc(B * sizeof *v);
  if (!v)
    return NPS_ENOMEM;
  r->boot_seed = nps_seed_for_key(r->options.seed, "did", 3);
  gsl_rng_set(rng, r->boot_seed);
  nps_status st = NPS_OK;
  for (size_t b = 0; b < B && st == NPS_OK; b++)
    st = did_replicate(r, rng, &v[b]);
  if (st == NPS_OK) {
    r->boot_se = nps_sample_sd(v, B);
    qsort(v, B, sizeof *v, nps_compare_doubles);
    st = nps_boot_percentile(v, B, r->options.level, &r->boot_ci);
    double raw;
    boot_p(r, v, B, &raw);
    /* the bootstrap p's bit, from the unfloored p; decide() adds the rest */
    r->rejects = raw < 1.0 - r->options.level ? NPS_DID_BOOT_P : 0u;
    r->replicates = B;
  }
  free(v);
  return st;
}

/* The verdict: significant when all four procedures reject; borderline
 * (a conflict) when some do. */
static void decide(nps_did *r) {
  nps_verdict *v = &r->verdict;
  double alpha = 1.0 - r->options.level;
  *v = (nps_verdict){r->tested,      0,  0, NAN, NPS_CONFLICT_NONE,
                     NPS_TEST2_WALD, NAN};
  v->direction = r->did > 0 ? 1 : r->did < 0 ? -1 : 0;
  if (!r->tested)
    return;
  v->p = r->p;
  r->rejects = (r->p < alpha ? NPS_DID_WALD_P : 0u) |
               (excludes_zero(r->wald_ci) ? NPS_DID_WALD_CI : 0u) |
               (r->rejects & NPS_DID_BOOT_P) |
               (excludes_zero(r->boot_ci) ? NPS_DID_BOOT_CI : 0u);
  v->significant = r->rejects == NPS_DID_ALL;
  if (r->rejects == 0 || v->significant)
    return;
  int wald = (r->rejects & NPS_DID_WALD_P) != 0;
  int boot = (r->rejects & NPS_DID_BOOT_P) != 0;
  if (wald != boot) {
    v->conflict = NPS_CONFLICT_TESTS;
    v->other_test = NPS_TEST2_BOOTSTRAP;
    v->other_p = r->boot_p;
  } else {
    v->conflict = NPS_CONFLICT_INTERVAL;
  }
}

static void fill_cells(nps_did *r, const nps_table *const t[NPS_DID_CELLS]) {
  for (int i = 0; i < NPS_DID_CELLS; i++) {
    nps_hist h;
    nps_table_total(t[i], &h, &r->cell[i].missing);
    r->cell[i].counts = nps_hist_counts(&h);
  }
}

static void clear_did(nps_did *r) {
  r->did = r->se = r->z = r->p = r->boot_se = r->boot_p = NAN;
  r->wald_ci = r->boot_ci = (nps_interval){NAN, NAN};
}

static nps_status analyse(nps_did *r, gsl_rng *rng) {
  nps_status st = NPS_OK;
  int empty = 0;
  for (int i = 0; i < NPS_DID_CELLS && st == NPS_OK; i++) {
    st = cell_stats(r, i, rng);
    empty |= r->cell[i].est.n == 0;
    r->n_small += r->cell[i].small;
  }
  for (int a = 0; a < 2 && st == NPS_OK; a++)
    st = arm_change(r, a, rng);
  clear_did(r);
  if (st != NPS_OK || empty)
    return st;
  r->did = r->change[1].diff - r->change[0].diff;
  r->tested = r->n_small == 0;
  if (r->tested) {
    did_wald(r);
    st = did_bootstrap(r, rng);
  }
  int adjusted = 0;
  for (int i = 0; i < NPS_DID_CELLS; i++)
    adjusted |= r->cell[i].adjusted;
  if (r->tested && adjusted)
    r->note = "a cell has every answer in one category (no spread): its "
              "adjusted-Wald variance (+0.75/+1.5/+0.75) is used in the z "
              "tests";
  if (st == NPS_OK)
    decide(r);
  return st;
}

nps_status nps_did_run(const nps_table *const t[NPS_DID_CELLS],
                       const nps_did_options *opt, nps_did **out,
                       nps_run_error *err) {
  *out = NULL;
  nps_run_error_clear(err);
  if (!nps_level_valid(opt->level) || opt->replicates == 1 ||
      opt->change_ci == NPS_DIFF_CI_TEST ||
      opt->change_ci == NPS_DIFF_CI_PAIRED ||
      opt->change_ci == NPS_DIFF_CI_NONE)
    return NPS_EINVAL;
  nps_did *r = calloc(1, sizeof *r);
  if (!r)
    return NPS_ENOMEM;
  r->options = *opt;
  if (!r->options.replicates)
    r->options.replicates = NPS_BOOT_DEFAULT_REPLICATES;
  fill_cells(r, t);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  nps_status st = rng ? analyse(r, rng) : NPS_ENOMEM;
  gsl_rng_free(rng);
  if (st != NPS_OK) {
    nps_did_free(r);
    return st;
  }
  *out = r;
  for (int i = 0; i < NPS_DID_CELLS; i++)
    if (r->cell[i].est.n == 0) {
      if (err)
        err->sample = i;
      return NPS_EEMPTY;
    }
  return NPS_OK;
}

void nps_did_free(nps_did *d) {
  free(d);
}

/* ---- one file: split by arm and period ---- */

/* Index of value s[0..len) among v[0..2), or -1. */
static int which(const char *s, size_t len, const char *const v[2],
                 const size_t vlen[2]) {
  for (int i = 0; i < 2; i++)
    if (len == vlen[i] && memcmp(s, v[i], len) == 0)
      return i;
  return -1;
}

static nps_status add_group(nps_table *dst, const nps_group *g) {
  nps_group *into;
  nps_status st = nps_table_get(dst, "", 0, &into);
  if (st == NPS_OK)
    st = nps_hist_merge(&into->hist, &g->hist);
  if (st == NPS_OK)
    into->missing += g->missing;
  return st;
}

nps_status nps_did_split(const nps_table *all, const char *const arm[2],
                         const size_t arm_len[2], const char *const period[2],
                         const size_t period_len[2],
                         nps_table *out[NPS_DID_CELLS], uint64_t *other) {
  *other = 0;
  for (size_t i = 0; i < nps_table_size(all); i++) {
    const nps_group *g = nps_table_group(all, i);
    const char *a, *p;
    size_t alen, plen;
    nps_key_part(g->key, g->key_len, 0, &a, &alen);
    nps_key_part(g->key, g->key_len, 1, &p, &plen);
    int x = which(a, alen, arm, arm_len),
        y = which(p, plen, period, period_len);
    if (x < 0 || y < 0) {
      *other += nps_hist_total(&g->hist);
      continue;
    }
    nps_status st = add_group(out[2 * x + y], g);
    if (st != NPS_OK)
      return st;
  }
  return NPS_OK;
}

static int is_word(const char *s, size_t len, const char *w) {
  return len == strlen(w) && strncasecmp(s, w, len) == 0;
}

/* Nonzero when the pair (a, b) must be swapped: b reads "before" or "pre"
 * against a's "after" or "post", or b reads "control". */
static int swap_pair(const char *a, size_t alen, const char *b, size_t blen) {
  int b_first = is_word(b, blen, "before") || is_word(b, blen, "pre") ||
                is_word(b, blen, "control");
  int a_first = is_word(a, alen, "before") || is_word(a, alen, "pre") ||
                is_word(a, alen, "control");
  return b_first && !a_first;
}

void nps_did_values(const nps_table *t, size_t k, size_t max, const char **part,
                    size_t *len, size_t *n) {
  *n = 0;
  for (size_t i = 0; i < nps_table_size(t); i++) {
    const nps_group *g = nps_table_group(t, i);
    const char *p;
    size_t plen, j = 0;
    nps_key_part(g->key, g->key_len, k, &p, &plen);
    size_t stored = *n;
    while (j < stored && !(plen == len[j] && memcmp(p, part[j], plen) == 0))
      j++;
    if (j < stored)
      continue;
    if (*n >= max) {
      *n = max + 1; /* more values than room: say so and stop */
      break;
    }
    part[*n] = p;
    len[*n] = plen;
    ++*n;
  }
  size_t m = *n < max ? *n : max;
  for (size_t i = 1; i < m; i++)
    for (size_t j = i; j > 0 && nps_natural_compare(part[j - 1], len[j - 1],
                                                    part[j], len[j]) > 0;
         j--) {
      const char *tp = part[j];
      size_t tl = len[j];
      part[j] = part[j - 1];
      len[j] = len[j - 1];
      part[j - 1] = tp;
      len[j - 1] = tl;
    }
  if (m == 2 && swap_pair(part[0], len[0], part[1], len[1])) {
    const char *tp = part[0];
    size_t tl = len[0];
    part[0] = part[1];
    len[0] = len[1];
    part[1] = tp;
    len[1] = tl;
  }
}
