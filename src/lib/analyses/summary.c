/*
 * summary.c - the summary analysis: one row per group and an overall row,
 * each with its estimate, interval, small-base flag and seed.
 *
 * It only combines the estimators (hist, ci) and the seeding rule; it
 * reads nothing and prints nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nps/summary.h"

unsigned long nps_seed_for_key(unsigned long seed, const char *key,
                               size_t len) {
  uint64_t h = nps_fnv1a(NPS_KEY_HASH_BASIS, key, len);
  /* splitmix64 finaliser over seed + key hash */
  uint64_t z = (uint64_t)seed + h * 0x9E3779B97F4A7C15u;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return (unsigned long)(z ^ (z >> 31));
}

void nps_summary_options_init(nps_summary_options *opt) {
  *opt = (nps_summary_options){.method = NPS_CI_DEFAULT,
                               .level = 0.95,
                               .replicates = NPS_BOOT_DEFAULT_REPLICATES};
}

static int is_boot(nps_ci_method m) {
  return m == NPS_CI_PERCENTILE || m == NPS_CI_BCA;
}

typedef struct run {
  nps_summary *s;
  gsl_rng *rng;
  double *work; /* overall replicates, when kept */
} run;

/* Estimate and interval of one row; the stream is seeded by its key. */
static nps_status compute_row(run *x, nps_summary_row *r, int overall) {
  const nps_summary_options *o = &x->s->options;
  nps_counts_estimate(&r->counts, &r->est);
  r->est.n = nps_counts_total(&r->counts);
  r->base = r->est.n == 0         ? NPS_BASE_EMPTY
            : r->est.n < o->min_n ? NPS_BASE_BELOW
                                  : NPS_BASE_OK;
  if (r->base == NPS_BASE_EMPTY)
    return NPS_OK; /* a small base keeps its (wide) interval */
  r->seed = nps_seed_for_key(o->seed, r->key ? r->key : "", r->key_len);
  gsl_rng_set(x->rng, r->seed);
  nps_ci_request req = {o->method, o->level, o->replicates, x->rng,
                        overall ? x->work : NULL};
  nps_status st = nps_ci_compute(&r->counts, &req, &r->ci);
  if (st != NPS_OK)
    return st;
  r->has_ci = 1;
  if (overall && x->work && r->ci.method_used == o->method) {
    x->s->replicates = x->work;
    x->s->n_replicates = o->replicates;
    x->work = NULL;
  }
  return NPS_OK;
}

static nps_status fill_rows(nps_summary *s, const nps_table *t) {
  size_t n = s->options.by_group ? nps_table_size(t) : 0;
  s->rows = calloc(n + 1, sizeof *s->rows);
  if (!s->rows)
    return NPS_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    const nps_group *g = nps_table_group(t, i);
    nps_summary_row *r = &s->rows[i];
    r->key = g->key;
    r->key_len = g->key_len;
    r->counts = nps_hist_counts(&g->hist);
    r->missing = g->missing;
  }
  nps_hist all;
  nps_summary_row *overall = &s->rows[n];
  nps_table_total(t, &all, &overall->missing);
  overall->counts = nps_hist_counts(&all);
  s->n_rows = n + 1;
  return NPS_OK;
}

/* The group rows (all but the last) in the order asked for. */
static nps_status order_rows(nps_summary *s) {
  size_t n = s->n_rows - 1;
  if (n < 2)
    return NPS_OK;
  nps_order_item *it = malloc(n * sizeof *it);
  nps_summary_row *rows = malloc(n * sizeof *rows);
  nps_status st = it && rows ? NPS_OK : NPS_ENOMEM;
  for (size_t i = 0; st == NPS_OK && i < n; i++) {
    const nps_summary_row *r = &s->rows[i];
    it[i] = (nps_order_item){r->key, r->key_len, i, r->est.nps, r->est.n, i};
  }
  if (st == NPS_OK)
    st = nps_order_sort(&s->options.order, it, n);
  if (st == NPS_OK) {
    for (size_t i = 0; i < n; i++)
      rows[i] = s->rows[it[i].index];
    memcpy(s->rows, rows, n * sizeof *rows);
  }
  free(it);
  free(rows);
  return st;
}

static nps_status compute(nps_summary *s) {
  run x = {s, gsl_rng_alloc(gsl_rng_mt19937), NULL};
  const nps_summary_options *o = &s->options;
  if (o->keep_replicates && is_boot(o->method))
    x.work = malloc(o->replicates * sizeof *x.work);
  nps_status st = NPS_OK;
  if (!x.rng || (o->keep_replicates && is_boot(o->method) && !x.work))
    st = NPS_ENOMEM;
  for (size_t i = 0; i < s->n_rows && st == NPS_OK; i++)
    st = compute_row(&x, &s->rows[i], i + 1 == s->n_rows);
  free(x.work);
  gsl_rng_free(x.rng);
  return st;
}

nps_status nps_summary_run(const nps_table *t, const nps_summary_options *opt,
                           nps_summary **out, nps_run_error *err) {
  *out = NULL;
  nps_run_error_clear(err);
  if (!nps_level_valid(opt->level) || opt->replicates == 1)
    return NPS_EINVAL;
  nps_summary *s = calloc(1, sizeof *s);
  if (!s)
    return NPS_ENOMEM;
  s->options = *opt;
  if (!s->options.replicates)
    s->options.replicates = NPS_BOOT_DEFAULT_REPLICATES;
  nps_status st = fill_rows(s, t);
  if (st == NPS_OK)
    st = compute(s);
  if (st == NPS_OK)
    st = order_rows(s);
  if (st != NPS_OK) {
    nps_summary_free(s);
    return st;
  }
  *out = s;
  return nps_summary_overall(s)->est.n ? NPS_OK : NPS_EEMPTY;
}

const nps_summary_row *nps_summary_overall(const nps_summary *s) {
  return &s->rows[s->n_rows - 1];
}

void nps_summary_free(nps_summary *s) {
  if (!s)
    return;
  free((double *)s->replicates);
  free(s->rows);
  free(s);
}
