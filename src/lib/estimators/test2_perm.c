/*
 * test2_perm.c - the permutation test of equal NPS, conditional on the
 * pooled counts: exact by walking the multivariate hypergeometric tables
 * outward from their modes with ratio recurrences (cost linear in the
 * smaller group), or Monte Carlo beyond a size limit. Each table is scored
 * by its Wald z (the p) and its raw difference (p_diff). Formulas and the
 * type-I study: docs/methods.md, "Two-sample tests".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hyper.h"
#include "test2_internal.h"

/* 2^52: below it the integers t are exact in a double. */
#define EXACT_LIMIT 4503599627370496.0

_Static_assert((int)NPS_HYPER_NORMAL_SD == 10000,
               "update the normal-draw note below");

/* Relative tie tolerance for t beyond EXACT_LIMIT. */
#define TIE_REL 1e-12

/* Relative tie tolerance for the studentized statistic: equal z values
 * computed along different paths differ by rounding only. */
#define Z_TIE_REL 1e-9

/* Note of a permutation test with a single possible split. */
#define ONE_TABLE                                                              \
  "every answer of both samples is in one category, so only one split is "     \
  "possible: the permutation test cannot reject (p = 1)"

/* Enumerated tables below this fraction of the most likely one are
 * skipped: log(1e-25). */
#define LOG_SKIP (-57.56462732485115)

/* sum_{k=k0}^{k1} min(c, k) for k0 <= k1. */
static double sum_min(double c, double k0, double k1) {
  double s = 0.0;
  double top = fmin(k1, c); /* k in [k0, top] contribute k */
  if (top >= k0)
    s += (k0 + top) * (top - k0 + 1.0) / 2.0;
  double from = fmax(k0, c + 1.0); /* k in [from, k1] contribute c */
  if (k1 >= from)
    s += c * (k1 - from + 1.0);
  return s;
}

/* sum_{k=k0}^{k1} max(0, k - c) for k0 <= k1. */
static double sum_excess(double c, double k0, double k1) {
  double from = fmax(k0, c + 1.0);
  if (k1 < from)
    return 0.0;
  return (from - c + k1 - c) * (k1 - from + 1.0) / 2.0;
}

/* The group of m answers drawn from pooled (P, A, D): for each k = A1 + D1
 * in [max(0, m - P), min(m, A + D)], A1 runs over [max(0, k - D),
 * min(A, k)], so the count is sum_k (min(A, k) - max(0, k - D) + 1). */
static double table_count(double P, double A, double D, double m) {
  double k0 = fmax(0.0, m - P), k1 = fmin(m, A + D);
  if (k1 < k0)
    return 0.0;
  return sum_min(A, k0, k1) - sum_excess(D, k0, k1) + (k1 - k0 + 1.0);
}

/* Pooled counts, and the smaller group's size m. */
typedef struct pooled {
  uint64_t P, A, D, n1, n2, m;
  int first; /* 1 when the enumerated (smaller) group is group 1 */
} pooled;

static int pool(const nps_counts *g1, const nps_counts *g2, pooled *q) {
  int overflow = 0;
  nps_counts s = {g1->promoters + g2->promoters, g1->passives + g2->passives,
                  g1->detractors + g2->detractors};
  overflow = s.promoters < g1->promoters || s.passives < g1->passives ||
             s.detractors < g1->detractors;
  q->P = s.promoters;
  q->A = s.passives;
  q->D = s.detractors;
  q->n1 = nps_counts_total_checked(g1, &overflow);
  q->n2 = nps_counts_total_checked(g2, &overflow);
  (void)nps_counts_total_checked(&s, &overflow);
  q->first = q->n1 <= q->n2;
  q->m = q->first ? q->n1 : q->n2;
  return !overflow;
}

double nps_test2_permutation_tables(const nps_counts *g1,
                                    const nps_counts *g2) {
  pooled q;
  if (!pool(g1, g2, &q))
    return NAN;
  return table_count((double)q.P, (double)q.A, (double)q.D, (double)q.m);
}

/* t of the split where the enumerated group holds (x, ., y) promoters,
 * passives, detractors. */
static double split_t(const pooled *q, uint64_t x, uint64_t y) {
  double de = nps_count_diff(x, y), dr = nps_count_diff(q->P - x, q->D - y);
  double n1 = (double)q->n1, n2 = (double)q->n2;
  return q->first ? de * n2 - dr * n1 : dr * n2 - de * n1;
}

/* theta and V / n of a group with p promoters, d detractors out of n. */
static void group_moments(uint64_t p, uint64_t d, double n, double *theta,
                          double *v_over_n) {
  double th = nps_count_diff(p, d) / n;
  *theta = th;
  *v_over_n = fmax(((double)p + (double)d) / n - th * th, 0.0) / n;
}

/* The Wald z of the split (x, ., y): Delta / sqrt(V1/n1 + V2/n2) with each
 * group's own plug-in variance; SE = 0 gives 0 for Delta = 0, else +-inf. */
static double split_z(const pooled *q, uint64_t x, uint64_t y) {
  double te, ve, to, vo;
  group_moments(x, y, (double)q->m, &te, &ve);
  group_moments(q->P - x, q->D - y, (double)(q->first ? q->n2 : q->n1), &to,
                &vo);
  double d = q->first ? te - to : to - te, se = sqrt(ve + vo);
  if (se > 0.0)
    return d / se;
  return d > 0.0 ? INFINITY : d < 0.0 ? -INFINITY : 0.0;
}

/* 2 when v is more extreme than v_obs for alt, 1 when it ties (equal, or
 * within tol), 0 when it is less extreme. */
static int extreme(double v, double v_obs, double tol, nps_alternative alt) {
  if (alt == NPS_ALT_LESS) {
    v = -v;
    v_obs = -v_obs;
  } else if (alt == NPS_ALT_TWO_SIDED) {
    v = fabs(v);
    v_obs = fabs(v_obs);
  }
  if (v == v_obs)
    return 1;
  return v > v_obs + tol ? 2 : v >= v_obs - tol ? 1 : 0;
}

/* Neumaier's compensated sum. */
typedef struct ksum {
  double s, c;
} ksum;

static void ksum_add(ksum *k, double x) {
  double t = k->s + x;
  k->c += fabs(k->s) >= fabs(x) ? (k->s - t) + x : (x - t) + k->s;
  k->s = t;
}

static double ksum_value(const ksum *k) {
  return k->s + k->c;
}

/* The observed statistics and their tie tolerances. */
typedef struct perm_obs {
  double t, t_tol; /* n1 n2 Delta */
  double z, z_tol; /* studentized */
  nps_alternative alt;
} perm_obs;

/* ln of the relative cut-off: tables are visited while their weight
 * relative to the walk's start is at least e^-L2, L2 = ln(1e25 (m + 1)). */
static double cut_log(const pooled *q) {
  return LOG_SKIP - log((double)q->m + 1.0);
}

/* Tail sums: index 1 ties with the observed statistic, 2 beyond it. */
typedef struct perm_tails {
  ksum all, t[3], z[3];
} perm_tails;

/* The tables of row x (x promoters in the enumerated group, k = m - x
 * others): A1 = a is Hypergeometric(A of A + D, k); a walks out of the
 * conditional mode while f(a) / f(mode) >= cut. The row's weight wx is
 * spread over its tables in proportion f(a) / sum f. */
static void perm_row(const pooled *q, const perm_obs *o, uint64_t x, double wx,
                     double cut, perm_tails *s) {
  uint64_t k = q->m - x;
  nps_hyper h = nps_hyper_make(q->A, q->A + q->D, k);
  double sum = 0.0, tt[3] = {0, 0, 0}, tz[3] = {0, 0, 0};
  double f = 1.0;
  for (uint64_t a = h.mode;;) { /* the mode and below */
    sum += f;
    tt[extreme(split_t(q, x, k - a), o->t, o->t_tol, o->alt)] += f;
    tz[extreme(split_z(q, x, k - a), o->z, o->z_tol, o->alt)] += f;
    if (a == h.lo)
      break;
    f /= nps_hyper_up(&h, --a);
    if (f < cut)
      break;
  }
  f = 1.0;
  for (uint64_t a = h.mode; a < h.hi;) { /* above the mode */
    f *= nps_hyper_up(&h, a++);
    if (f < cut)
      break;
    sum += f;
    tt[extreme(split_t(q, x, k - a), o->t, o->t_tol, o->alt)] += f;
    tz[extreme(split_z(q, x, k - a), o->z, o->z_tol, o->alt)] += f;
  }
  ksum_add(&s->all, wx);
  for (int i = 1; i < 3; i++) {
    ksum_add(&s->t[i], wx * tt[i] / sum);
    ksum_add(&s->z[i], wx * tz[i] / sum);
  }
}

/* Every row x: P1 = x is Hypergeometric(P of n, m); x walks out of its
 * mode while its weight wx = f(x) / f(mode) >= cut. Leaving out rows and
 * tables below the cut drops tables that each weigh less than 1e-25 of
 * the most likely one (the conditional mode of any row weighs at least
 * 1/(m + 1) of its row). */
static void perm_walk(const pooled *q, const perm_obs *o, perm_tails *s) {
  nps_hyper h = nps_hyper_make(q->P, q->P + q->A + q->D, q->m);
  double cut = exp(cut_log(q)), w = 1.0;
  for (uint64_t x = h.mode;;) {
    perm_row(q, o, x, w, cut, s);
    if (x == h.lo)
      break;
    w /= nps_hyper_up(&h, --x);
    if (w < cut)
      break;
  }
  w = 1.0;
  for (uint64_t x = h.mode; x < h.hi;) {
    w *= nps_hyper_up(&h, x++);
    if (w < cut)
      break;
    perm_row(q, o, x, w, cut, s);
  }
}

/* The number of tables perm_walk visits, estimated from the ellipse
 * {log weight >= max - L2} of the normal approximation: pi/4 (2 c sx + 3)
 * (2 c sa + 3), c = sqrt(2 L2), sx the standard deviation of P1 and sa
 * that of A1 given P1 at its mode; at most the support size. */
static double perm_visits(const pooled *q, double support) {
  nps_hyper hx = nps_hyper_make(q->P, q->P + q->A + q->D, q->m);
  nps_hyper ha = nps_hyper_make(q->A, q->A + q->D, q->m - hx.mode);
  double c = sqrt(-2.0 * cut_log(q));
  double est = 0.7853981633974483 *
               /* pi / 4 */ (2.0 * c * sqrt(nps_hyper_var(&hx)) + 3.0) *
               (2.0 * c * sqrt(nps_hyper_var(&ha)) + 3.0);
  return fmin(est, support);
}

/* p counts ties whole, mid-p one half. */
static void tail_p(const ksum *tail, double total, double *p, double *mid) {
  double more = ksum_value(&tail[2]), ties = ksum_value(&tail[1]);
  *p = fmin(1.0, (more + ties) / total);
  if (mid)
    *mid = fmin(1.0, (more + 0.5 * ties) / total);
}

/* Exact p-values: the normalised weight of the tables at least as
 * extreme. */
static void perm_exact(const pooled *q, const perm_obs *o,
                       nps_test2_result *out) {
  perm_tails s;
  memset(&s, 0, sizeof s);
  perm_walk(q, o, &s);
  double total = ksum_value(&s.all);
  tail_p(s.z, total, &out->p_conservative, &out->p);
  tail_p(s.t, total, &out->p_diff, NULL);
}

/* Monte Carlo: each draw puts P1 ~ Hypergeometric(P of n, m) promoters
 * and A1 ~ Hypergeometric(A of A + D, m - P1) passives in the smaller
 * group. The observed split counts as one more draw, a tie: p = (1 + more
 * + ties) / (1 + draws), mid-p (more + (ties + 1) / 2) / (1 + draws). */
static void perm_monte_carlo(const pooled *q, const perm_obs *o, size_t draws,
                             gsl_rng *r, nps_test2_result *out) {
  nps_hyper hx = nps_hyper_make(q->P, q->P + q->A + q->D, q->m);
  int normal = nps_hyper_is_normal(&hx);
  perm_tails s;
  memset(&s, 0, sizeof s);
  s.t[1].s = s.z[1].s = 1.0;
  s.all.s = 1.0 + (double)draws;
  for (size_t i = 0; i < draws; i++) {
    uint64_t x = nps_hyper_draw(r, &hx);
    nps_hyper ha = nps_hyper_make(q->A, q->A + q->D, q->m - x);
    normal |= nps_hyper_is_normal(&ha);
    uint64_t y = q->m - x - nps_hyper_draw(r, &ha);
    s.t[extreme(split_t(q, x, y), o->t, o->t_tol, o->alt)].s += 1.0;
    s.z[extreme(split_z(q, x, y), o->z, o->z_tol, o->alt)].s += 1.0;
  }
  tail_p(s.z, s.all.s, &out->p_conservative, &out->p);
  tail_p(s.t, s.all.s, &out->p_diff, NULL);
  if (normal)
    out->note = "counts with a permutation standard deviation of 10^4 or more "
                "drawn from their normal limit (distribution function within "
                "5.6e-5 of the exact one)";
}

/* The observed statistics of (g1, g2) as perm_walk will meet them. */
static perm_obs observed(const pooled *q, const nps_counts *g1,
                         const nps_counts *g2, nps_alternative alt) {
  const nps_counts *e = q->first ? g1 : g2;
  perm_obs o = {.alt = alt};
  o.t = nps_test2_scaled_diff(g1, g2, (double)q->n1, (double)q->n2);
  o.t_tol =
      (double)q->n1 * (double)q->n2 < EXACT_LIMIT ? 0.5 : TIE_REL * fabs(o.t);
  o.z = split_z(q, e->promoters, e->detractors);
  o.z_tol = isfinite(o.z) ? Z_TIE_REL * fabs(o.z) : 0.0;
  return o;
}

nps_status nps_test2_permutation(const nps_counts *g1, const nps_counts *g2,
                                 nps_alternative alt, double level,
                                 double max_tables, size_t draws, gsl_rng *r,
                                 nps_test2_result *out) {
  nps_test2_result w;
  nps_status st = nps_test2_wald(g1, g2, alt, level, &w);
  nps_test2_clear(out, NPS_TEST2_PERMUTATION, alt, level);
  if (st != NPS_OK)
    return st;
  pooled q;
  if (!(max_tables >= 0.0))
    return NPS_EINVAL;
  if (!pool(g1, g2, &q))
    return NPS_EOVERFLOW;
  out->n1 = q.n1;
  out->n2 = q.n2;
  out->nps1 = w.nps1;
  out->nps2 = w.nps2;
  out->diff = w.diff;
  out->se = w.se;
  out->z = w.z;
  out->tables = table_count((double)q.P, (double)q.A, (double)q.D, (double)q.m);
  double limit = max_tables > 0.0 ? max_tables : NPS_TEST2_PERM_MAX_TABLES;
  perm_obs o = observed(&q, g1, g2, alt);
  if (perm_visits(&q, out->tables) <= limit) {
    out->exact = 1;
    out->p_mc_se = 0.0;
    perm_exact(&q, &o, out);
    if (out->tables == 1.0) {
      /* The mid-p counts the observed table half, 0.5; but with no other
       * split possible the data can say nothing against the null. */
      out->p = out->p_conservative = out->p_diff = 1.0;
      out->note = ONE_TABLE;
    }
    return NPS_OK;
  }
  if (!r)
    return NPS_EINVAL;
  out->draws = draws ? draws : NPS_TEST2_DEFAULT_DRAWS;
  perm_monte_carlo(&q, &o, out->draws, r, out);
  out->p_mc_se = sqrt(out->p * (1.0 - out->p) / (double)out->draws);
  return NPS_OK;
}
