/*
 * test2.c - two-sample tests of NPS: Wald and adjusted-Wald z tests, the
 * two-group multinomial bootstrap, the exact (or Monte Carlo) permutation
 * test, and the paired z test.
 *
 * Every test works on category counts only. Differences are carried as the
 * integer t = (P1 - D1) n2 - (P2 - D2) n1 = n1 n2 Delta wherever ties
 * matter (bootstrap p-values, permutation tails), so equal differences
 * compare equal exactly while n1 n2 < 2^52. The permutation test walks the
 * hypergeometric tables outward from their modes with ratio recurrences
 * (cost linear in the group size) and scores each table by its Wald z as
 * well as its raw difference. Formulas, tie rules and the type-I study
 * behind the defaults: docs/methods.md, "Two-sample tests".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "internal.h"
#include "nps/boot.h"
#include "nps/test2.h"

static const struct {
  nps_alternative alt;
  const char *name;
} alternatives[] = {
    {NPS_ALT_TWO_SIDED, "two-sided"},
    {NPS_ALT_GREATER, "greater"},
    {NPS_ALT_LESS, "less"},
};

static const struct {
  nps_test2_method method;
  const char *name;
  const char *label;
} methods[] = {
    {NPS_TEST2_WALD, "wald", "Wald z test"},
    {NPS_TEST2_ADJUSTED_WALD, "adjusted-wald",
     "adjusted-Wald z test (MeasuringU)"},
    {NPS_TEST2_BOOTSTRAP, "bootstrap", "bootstrap test"},
    {NPS_TEST2_PERMUTATION, "permutation", "permutation test"},
    {NPS_TEST2_PAIRED, "paired", "paired z test"},
};

#define COUNT_OF(x) (sizeof(x) / sizeof((x)[0]))

/* 2^52: below it the integers t are exact in a double. */
#define EXACT_LIMIT 4503599627370496.0

/* Relative tie tolerance for t beyond EXACT_LIMIT. */
#define TIE_REL 1e-12

/* Relative tie tolerance for the studentized statistic: equal z values
 * computed along different paths differ by rounding only. */
#define Z_TIE_REL 1e-9

/* Enumerated tables below this fraction of the most likely one are
 * skipped: log(1e-25). */
#define LOG_SKIP (-57.56462732485115)

nps_status nps_alternative_parse(const char *name, nps_alternative *out) {
  for (size_t i = 0; name && i < COUNT_OF(alternatives); i++) {
    if (strcmp(name, alternatives[i].name) == 0) {
      *out = alternatives[i].alt;
      return NPS_OK;
    }
  }
  return NPS_EINVAL;
}

const char *nps_alternative_name(nps_alternative alt) {
  for (size_t i = 0; i < COUNT_OF(alternatives); i++)
    if (alternatives[i].alt == alt)
      return alternatives[i].name;
  return "unknown";
}

nps_status nps_test2_method_parse(const char *name, nps_test2_method *out) {
  for (size_t i = 0; name && i < COUNT_OF(methods); i++) {
    if (strcmp(name, methods[i].name) == 0) {
      *out = methods[i].method;
      return NPS_OK;
    }
  }
  return NPS_EINVAL;
}

const char *nps_test2_method_name(nps_test2_method method) {
  for (size_t i = 0; i < COUNT_OF(methods); i++)
    if (methods[i].method == method)
      return methods[i].name;
  return "unknown";
}

const char *nps_test2_method_label(nps_test2_method method) {
  for (size_t i = 0; i < COUNT_OF(methods); i++)
    if (methods[i].method == method)
      return methods[i].label;
  return "unknown";
}

/* ---- shared pieces ---------------------------------------------------- */

static void clear(nps_test2_result *out, nps_test2_method m,
                  nps_alternative alt, double level) {
  memset(out, 0, sizeof *out);
  out->method = m;
  out->alternative = alt;
  out->level = level;
  out->nps1 = out->nps2 = out->diff = out->se = out->z = NAN;
  out->p = out->p_percentile = out->p_bca = out->p_shift = NAN;
  out->p_conservative = out->p_diff = NAN;
  out->z0 = out->accel = out->tables = NAN;
  out->ci = out->ci_percentile = (nps_interval){NAN, NAN};
}

static int alt_valid(nps_alternative alt) {
  return alt == NPS_ALT_TWO_SIDED || alt == NPS_ALT_GREATER ||
         alt == NPS_ALT_LESS;
}

/* Total of c; 0 with *overflow set past 2^64 - 1. */
static uint64_t total(const nps_counts *c, int *overflow) {
  uint64_t pa = c->promoters + c->passives;
  int o = pa < c->promoters || pa + c->detractors < pa;
  *overflow |= o;
  return o ? 0 : pa + c->detractors;
}

/* Validates the common arguments and sizes; NPS_OK or the status. */
static nps_status check_groups(const nps_counts *g1, const nps_counts *g2,
                               nps_alternative alt, double level,
                               nps_test2_result *out) {
  int overflow = 0;
  uint64_t n1 = total(g1, &overflow), n2 = total(g2, &overflow);
  if (!alt_valid(alt) || !nps_level_valid(level))
    return NPS_EINVAL;
  if (overflow)
    return NPS_EOVERFLOW;
  if (n1 == 0 || n2 == 0)
    return NPS_EEMPTY;
  out->n1 = n1;
  out->n2 = n2;
  return NPS_OK;
}

static int one_category(const nps_counts *c) {
  return (c->promoters > 0) + (c->passives > 0) + (c->detractors > 0) <= 1;
}

/* x - y for counts, as a double rounded once. */
static double count_diff(uint64_t x, uint64_t y) {
  return x >= y ? (double)(x - y) : -(double)(y - x);
}

/* p-value of a standard normal statistic z for alt. */
static double normal_p(double z, nps_alternative alt) {
  if (alt == NPS_ALT_GREATER)
    return gsl_cdf_ugaussian_Q(z);
  if (alt == NPS_ALT_LESS)
    return gsl_cdf_ugaussian_P(z);
  return fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(fabs(z)));
}

/* z, p and Delta +- z_level SE from out->diff and out->se. SE = 0 gives
 * the limits: z = +-inf (p 0 or 1) for Delta != 0, z NAN and p 1 for
 * Delta = 0, a point interval; NPS_EDEGENERATE then. */
static nps_status z_finish(nps_test2_result *out) {
  double d = out->diff, se = out->se;
  double zl = nps_z_for_level(out->level);
  out->ci = (nps_interval){d - zl * se, d + zl * se};
  if (se > 0.0) {
    out->z = d / se;
    out->p = normal_p(out->z, out->alternative);
    return NPS_OK;
  }
  out->z = d > 0.0 ? INFINITY : d < 0.0 ? -INFINITY : NAN;
  out->p = d == 0.0 ? 1.0 : normal_p(out->z, out->alternative);
  return NPS_EDEGENERATE;
}

/* ---- Wald and adjusted Wald -------------------------------------------- */

/* Wald z test (Rocks 2016, section 2, extended to two independent
 * samples): Delta = theta1 - theta2, SE^2 = V1/n1 + V2/n2. */
nps_status nps_test2_wald(const nps_counts *g1, const nps_counts *g2,
                          nps_alternative alt, double level,
                          nps_test2_result *out) {
  clear(out, NPS_TEST2_WALD, alt, level);
  nps_status st = check_groups(g1, g2, alt, level, out);
  if (st != NPS_OK)
    return st;
  nps_estimate e1, e2;
  (void)nps_estimate_counts(g1, &e1);
  (void)nps_estimate_counts(g2, &e2);
  out->nps1 = e1.nps;
  out->nps2 = e2.nps;
  out->diff = e1.nps - e2.nps;
  out->se = hypot(e1.se, e2.se); /* sqrt(V1/n1 + V2/n2) */
  return z_finish(out);
}

/* theta and V of counts adjusted by 0.75 / 1.5 / 0.75 (Rocks 2016). */
static void adjusted(const nps_counts *c, double *theta, double *var,
                     double *m) {
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  *m = n + 3.0;
  double pp = (p + 0.75) / *m, pd = (d + 0.75) / *m;
  *theta = count_diff(c->promoters, c->detractors) / *m;
  *var = fmax(pp + pd - (pp - pd) * (pp - pd), 0.0);
}

/* MeasuringU's two-sample adjusted-Wald test (Sauro, "How to statistically
 * compare two Net Promoter Scores"): adjust each group as Rocks's
 * interval does, then the Wald z test on the adjusted estimates. */
nps_status nps_test2_adjusted_wald(const nps_counts *g1, const nps_counts *g2,
                                   nps_alternative alt, double level,
                                   nps_test2_result *out) {
  clear(out, NPS_TEST2_ADJUSTED_WALD, alt, level);
  nps_status st = check_groups(g1, g2, alt, level, out);
  if (st != NPS_OK)
    return st;
  double v1, v2, m1, m2;
  adjusted(g1, &out->nps1, &v1, &m1);
  adjusted(g2, &out->nps2, &v2, &m2);
  out->diff = out->nps1 - out->nps2;
  out->se = sqrt(v1 / m1 + v2 / m2);
  return z_finish(out);
}

/* ---- bootstrap -------------------------------------------------------- */

/* Central moments m2, m3 of the +1/0/-1 scores of c. */
static void score_moments(const nps_counts *c, double *m2, double *m3) {
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  *m2 = *m3 = 0.0;
  if (n == 0.0)
    return;
  double pp = p / n, pa = a / n, pd = d / n, th = pp - pd;
  double up = 1.0 - th, down = -1.0 - th;
  *m2 = pp * up * up + pa * th * th + pd * down * down;
  *m3 = pp * up * up * up - pa * th * th * th + pd * down * down * down;
}

/* Efron's multi-sample acceleration with empirical influences U = s -
 * theta1 (group 1) and -(s - theta2) (group 2), each over n_g:
 * a = sum U^3 / n_g^3 / (6 (sum U^2 / n_g^2)^(3/2)) (Efron 1987, sec. 10;
 * DiCiccio and Efron 1996), where sum over group g of U^3 = +-n_g m3_g and
 * of U^2 = n_g m2_g. */
double nps_test2_boot_accel(const nps_counts *g1, const nps_counts *g2) {
  double n1 = (double)nps_counts_total(g1), n2 = (double)nps_counts_total(g2);
  if (n1 == 0.0 || n2 == 0.0)
    return 0.0;
  double a2, a3, b2, b3;
  score_moments(g1, &a2, &a3);
  score_moments(g2, &b2, &b3);
  double s2 = a2 / n1 + b2 / n2;
  if (!(s2 > 0.0))
    return 0.0;
  return (a3 / (n1 * n1) - b3 / (n2 * n2)) / (6.0 * pow(s2, 1.5));
}

/* t = (P1 - D1) n2 - (P2 - D2) n1 = n1 n2 Delta. */
static double scaled_diff(const nps_counts *c1, const nps_counts *c2, double n1,
                          double n2) {
  return count_diff(c1->promoters, c1->detractors) * n2 -
         count_diff(c2->promoters, c2->detractors) * n1;
}

/* B replicates of t*. */
static void draw_scaled(const nps_counts *g1, const nps_counts *g2, double n1,
                        double n2, size_t B, gsl_rng *r, double *v) {
  for (size_t i = 0; i < B; i++) {
    nps_counts x1, x2;
    (void)nps_boot_counts_replicate(g1, r, &x1);
    (void)nps_boot_counts_replicate(g2, r, &x2);
    v[i] = scaled_diff(&x1, &x2, n1, n2);
  }
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Number of sorted values below x, with values equal to x counted half,
 * as a share of B. */
static double share_below(const double *sorted, size_t B, double x) {
  size_t lo = 0, hi = B;
  while (lo < hi) { /* first index with sorted >= x */
    size_t mid = lo + (hi - lo) / 2;
    if (sorted[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t less = lo;
  hi = B;
  while (lo < hi) { /* first index with sorted > x */
    size_t mid = lo + (hi - lo) / 2;
    if (sorted[mid] <= x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return ((double)less + (double)lo) / (2.0 * (double)B);
}

/* One-sided p-values (greater, less) into the p of alt; two-sided is
 * twice the smaller, at most 1. */
static double sided_p(double p_greater, double p_less, nps_alternative alt) {
  if (alt == NPS_ALT_GREATER)
    return p_greater;
  if (alt == NPS_ALT_LESS)
    return p_less;
  return fmin(1.0, 2.0 * fmin(p_greater, p_less));
}

/* Percentile inversion: the (1 - 2q) percentile interval has 0 as a limit
 * when q = F*(0), the share of replicates below 0 (ties half); so
 * p_greater = F*(0), p_less = 1 - F*(0). */
static double p_percentile(const double *t, size_t B, nps_alternative alt) {
  double f0 = share_below(t, B, 0.0);
  return sided_p(f0, 1.0 - f0, alt);
}

/* BCa inversion: the BCa limit at normal quantile z is the replicate
 * quantile Phi(z0 + (z0 + z) / (1 - a (z0 + z))). Setting that level to
 * q = F*(0) gives w = Phi^-1(q) - z0, z = w / (1 + a w) - z0, and
 * p_greater = Phi(z). Where 1 + a w <= 0 the level is out of the BCa
 * map's range and p takes its limit; q = 0 or 1 gives 0 or 1. */
static double p_bca(const double *t, size_t B, double z0, double a,
                    nps_alternative alt) {
  double q = share_below(t, B, 0.0), pg;
  if (q <= 0.0 || q >= 1.0) {
    pg = q;
  } else {
    double w = gsl_cdf_ugaussian_Pinv(q) - z0, den = 1.0 + a * w;
    pg = den > 0.0 ? gsl_cdf_ugaussian_P(w / den - z0) : (w > 0.0 ? 1.0 : 0.0);
  }
  return sided_p(pg, 1.0 - pg, alt);
}

/* Shifted null: Delta* - Delta estimates the null law of Delta - 0, so
 * p_greater = Pr*(Delta* - Delta >= Delta), two-sided Pr*(|Delta* - Delta|
 * >= |Delta|); ties counted half. */
static double p_shift(const double *t, size_t B, double t_obs,
                      nps_alternative alt) {
  double pg = 1.0 - share_below(t, B, 2.0 * t_obs);
  double pl = share_below(t, B, 2.0 * t_obs);
  if (alt == NPS_ALT_GREATER)
    return pg;
  if (alt == NPS_ALT_LESS)
    return pl;
  double a = fabs(t_obs);
  /* |t - t_obs| >= a: t >= t_obs + a or t <= t_obs - a. */
  double upper = 1.0 - share_below(t, B, t_obs + a);
  double lower = share_below(t, B, t_obs - a);
  return fmin(1.0, upper + lower);
}

static double sample_sd(const double *v, size_t B) {
  double mean = 0.0, ss = 0.0;
  for (size_t i = 0; i < B; i++)
    mean += v[i];
  mean /= (double)B;
  for (size_t i = 0; i < B; i++)
    ss += (v[i] - mean) * (v[i] - mean);
  return sqrt(ss / (double)(B - 1));
}

/* p-values from the sorted t*, then t* -> Delta* and the intervals. */
static void boot_summarise(double *v, size_t B, double t_obs, double scale,
                           nps_test2_result *out) {
  out->p_percentile = p_percentile(v, B, out->alternative);
  out->p_shift = p_shift(v, B, t_obs, out->alternative);
  for (size_t i = 0; i < B; i++)
    v[i] /= scale;
  out->diff = t_obs / scale;
  out->se = sample_sd(v, B);
  (void)nps_boot_percentile(v, B, out->level, &out->ci_percentile);
  out->bca_ok = nps_boot_bca(v, B, out->diff, out->accel, out->level, &out->ci,
                             &out->z0) == NPS_OK;
  if (out->bca_ok)
    out->p_bca = p_bca(v, B, out->z0, out->accel, out->alternative);
  else
    out->p_bca = out->p_percentile;
  out->p = out->p_percentile;
  double p = fmin(fmax(out->p, 0.0), 1.0);
  out->p_mc_se = sqrt(p * (1.0 - p) / (double)B);
}

nps_status nps_test2_bootstrap(const nps_counts *g1, const nps_counts *g2,
                               nps_alternative alt, double level, size_t B,
                               gsl_rng *r, double *replicates,
                               nps_test2_result *out) {
  clear(out, NPS_TEST2_BOOTSTRAP, alt, level);
  if (B < 2 || !r)
    return NPS_EINVAL;
  nps_status st = check_groups(g1, g2, alt, level, out);
  if (st != NPS_OK)
    return st;
  if (!replicates && B > SIZE_MAX / sizeof(double))
    return NPS_ENOMEM;
  double *v = replicates ? replicates : malloc(B * sizeof *v);
  if (!v)
    return NPS_ENOMEM;
  double n1 = (double)out->n1, n2 = (double)out->n2;
  out->nps1 = count_diff(g1->promoters, g1->detractors) / n1;
  out->nps2 = count_diff(g2->promoters, g2->detractors) / n2;
  out->accel = nps_test2_boot_accel(g1, g2);
  out->draws = B;
  draw_scaled(g1, g2, n1, n2, B, r, v);
  qsort(v, B, sizeof *v, compare_doubles);
  boot_summarise(v, B, scaled_diff(g1, g2, n1, n2), n1 * n2, out);
  if (!replicates)
    free(v);
  if (!(one_category(g1) && one_category(g2)))
    return NPS_OK;
  out->p = out->p_percentile = out->p_bca = out->p_shift = NAN;
  out->p_mc_se = NAN;
  return NPS_EDEGENERATE;
}

/* ---- permutation ------------------------------------------------------ */

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
  q->n1 = total(g1, &overflow);
  q->n2 = total(g2, &overflow);
  (void)total(&s, &overflow);
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
  double de = count_diff(x, y), dr = count_diff(q->P - x, q->D - y);
  double n1 = (double)q->n1, n2 = (double)q->n2;
  return q->first ? de * n2 - dr * n1 : dr * n2 - de * n1;
}

/* theta and V / n of a group with p promoters, d detractors out of n. */
static void group_moments(uint64_t p, uint64_t d, double n, double *theta,
                          double *v_over_n) {
  double th = count_diff(p, d) / n;
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

static uint64_t min_u64(uint64_t a, uint64_t b) {
  return a < b ? a : b;
}

/* a - b, or 0 when b >= a. */
static uint64_t sub0(uint64_t a, uint64_t b) {
  return a > b ? a - b : 0;
}

/* Hypergeometric(K of N, t drawn): f(j) proportional to C(K, j) C(N - K,
 * t - j) on [lo, hi] = [max(0, t - (N - K)), min(K, t)], unimodal with its
 * mode at floor((t + 1)(K + 1) / (N + 2)) (clamped; rounding of that
 * double can move it by one, which only costs a step of the walks). */
typedef struct hyper {
  uint64_t K, N, t, lo, hi, mode;
} hyper;

static hyper hyper_make(uint64_t K, uint64_t N, uint64_t t) {
  hyper h = {K, N, t, sub0(t, N - K), min_u64(K, t), 0};
  double m = floor(((double)t + 1.0) * ((double)K + 1.0) / ((double)N + 2.0));
  h.mode = m <= (double)h.lo ? h.lo : m >= (double)h.hi ? h.hi : (uint64_t)m;
  return h;
}

/* f(j + 1) / f(j) for lo <= j < hi; N - K + j + 1 - t > 0 there. */
static double hyper_up(const hyper *h, uint64_t j) {
  return ((double)(h->K - j) / (double)(j + 1)) *
         ((double)(h->t - j) / (double)(h->N - h->K + j + 1 - h->t));
}

/* Variance of the hypergeometric. */
static double hyper_var(const hyper *h) {
  double N = (double)h->N, p = N > 0.0 ? (double)h->K / N : 0.0;
  double t = (double)h->t;
  return N > 1.0 ? t * p * (1.0 - p) * (N - t) / (N - 1.0) : 0.0;
}

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
  hyper h = hyper_make(q->A, q->A + q->D, k);
  double sum = 0.0, tt[3] = {0, 0, 0}, tz[3] = {0, 0, 0};
  double f = 1.0;
  for (uint64_t a = h.mode;;) { /* the mode and below */
    sum += f;
    tt[extreme(split_t(q, x, k - a), o->t, o->t_tol, o->alt)] += f;
    tz[extreme(split_z(q, x, k - a), o->z, o->z_tol, o->alt)] += f;
    if (a == h.lo)
      break;
    f /= hyper_up(&h, --a);
    if (f < cut)
      break;
  }
  f = 1.0;
  for (uint64_t a = h.mode; a < h.hi;) { /* above the mode */
    f *= hyper_up(&h, a++);
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
  hyper h = hyper_make(q->P, q->P + q->A + q->D, q->m);
  double cut = exp(cut_log(q)), w = 1.0;
  for (uint64_t x = h.mode;;) {
    perm_row(q, o, x, w, cut, s);
    if (x == h.lo)
      break;
    w /= hyper_up(&h, --x);
    if (w < cut)
      break;
  }
  w = 1.0;
  for (uint64_t x = h.mode; x < h.hi;) {
    w *= hyper_up(&h, x++);
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
  hyper hx = hyper_make(q->P, q->P + q->A + q->D, q->m);
  hyper ha = hyper_make(q->A, q->A + q->D, q->m - hx.mode);
  double c = sqrt(-2.0 * cut_log(q));
  double est = 0.7853981633974483 *
               /* pi / 4 */ (2.0 * c * sqrt(hyper_var(&hx)) + 3.0) *
               (2.0 * c * sqrt(hyper_var(&ha)) + 3.0);
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

/* ln C(n, k) by log-gamma. */
static double ln_choose(double n, double k) {
  return gsl_sf_lngamma(n + 1.0) - gsl_sf_lngamma(k + 1.0) -
         gsl_sf_lngamma(n - k + 1.0);
}

/* One draw by inversion outward from the mode: with the mode's
 * probability f0 from log-gamma, u / f0 is spent on f(j) / f(mode), taking
 * at each step the larger of the next values below and above the mode (an
 * order fixed by the distribution, so this is an exact inversion up to the
 * rounding of f0, a relative 1e-16 ln(N) N or so). Expected cost: about
 * two standard deviations of steps. */
static uint64_t hyper_draw(gsl_rng *r, const hyper *h) {
  if (h->lo == h->hi)
    return h->lo;
  double lf0 = ln_choose((double)h->K, (double)h->mode) +
               ln_choose((double)(h->N - h->K), (double)(h->t - h->mode)) -
               ln_choose((double)h->N, (double)h->t);
  double s = gsl_rng_uniform(r) * exp(-lf0) - 1.0; /* in units of f(mode) */
  uint64_t dn = h->mode, up = h->mode;
  double fdn = dn > h->lo ? 1.0 / hyper_up(h, dn - 1) : 0.0;
  double fup = up < h->hi ? hyper_up(h, up) : 0.0;
  while (s > 0.0 && (fdn > 0.0 || fup > 0.0)) {
    if (fdn >= fup) {
      s -= fdn;
      if (s <= 0.0)
        return dn - 1;
      dn--;
      fdn = dn > h->lo ? fdn / hyper_up(h, dn - 1) : 0.0;
    } else {
      s -= fup;
      if (s <= 0.0)
        return up + 1;
      up++;
      fup = up < h->hi ? fup * hyper_up(h, up) : 0.0;
    }
    if (fdn < 1e-300 && fup < 1e-300)
      break; /* only rounding of f0 is left */
  }
  return h->mode;
}

/* Monte Carlo: each draw puts P1 ~ Hypergeometric(P of n, m) promoters
 * and A1 ~ Hypergeometric(A of A + D, m - P1) passives in the smaller
 * group. The observed split counts as one more draw, a tie: p = (1 + more
 * + ties) / (1 + draws), mid-p (more + (ties + 1) / 2) / (1 + draws). */
static void perm_monte_carlo(const pooled *q, const perm_obs *o, size_t draws,
                             gsl_rng *r, nps_test2_result *out) {
  hyper hx = hyper_make(q->P, q->P + q->A + q->D, q->m);
  perm_tails s;
  memset(&s, 0, sizeof s);
  s.t[1].s = s.z[1].s = 1.0;
  s.all.s = 1.0 + (double)draws;
  for (size_t i = 0; i < draws; i++) {
    uint64_t x = hyper_draw(r, &hx);
    hyper ha = hyper_make(q->A, q->A + q->D, q->m - x);
    uint64_t y = q->m - x - hyper_draw(r, &ha);
    s.t[extreme(split_t(q, x, y), o->t, o->t_tol, o->alt)].s += 1.0;
    s.z[extreme(split_z(q, x, y), o->z, o->z_tol, o->alt)].s += 1.0;
  }
  tail_p(s.z, s.all.s, &out->p_conservative, &out->p);
  tail_p(s.t, s.all.s, &out->p_diff, NULL);
}

/* The observed statistics of (g1, g2) as perm_walk will meet them. */
static perm_obs observed(const pooled *q, const nps_counts *g1,
                         const nps_counts *g2, nps_alternative alt) {
  const nps_counts *e = q->first ? g1 : g2;
  perm_obs o = {.alt = alt};
  o.t = scaled_diff(g1, g2, (double)q->n1, (double)q->n2);
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
  clear(out, NPS_TEST2_PERMUTATION, alt, level);
  if (st != NPS_OK && st != NPS_EDEGENERATE)
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
    return NPS_OK;
  }
  if (!r)
    return NPS_EINVAL;
  out->draws = draws ? draws : NPS_TEST2_DEFAULT_DRAWS;
  perm_monte_carlo(&q, &o, out->draws, r, out);
  out->p_mc_se = sqrt(out->p * (1.0 - out->p) / (double)out->draws);
  return NPS_OK;
}

/* ---- paired ----------------------------------------------------------- */

/* Paired z test: d = s1 - s2 = i - j for the cell (i, j); mean, sample
 * variance (n - 1) by two passes over the nine cells. */
nps_status nps_test2_paired(const nps_paired *t, nps_alternative alt,
                            double level, nps_test2_result *out) {
  clear(out, NPS_TEST2_PAIRED, alt, level);
  if (!alt_valid(alt) || !nps_level_valid(level))
    return NPS_EINVAL;
  uint64_t n = 0;
  double sd = 0.0, s1 = 0.0, s2 = 0.0;
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 3; j++) {
      uint64_t c = t->count[i][j];
      if (n + c < n)
        return NPS_EOVERFLOW;
      n += c;
      sd += (double)c * (double)(i - j);
      s1 += (double)c * (double)(i - 1);
      s2 += (double)c * (double)(j - 1);
    }
  }
  if (n < 2)
    return NPS_EEMPTY;
  double dn = (double)n, mean = sd / dn, ss = 0.0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      ss += (double)t->count[i][j] * ((i - j) - mean) * ((i - j) - mean);
  out->n1 = out->n2 = n;
  out->nps1 = s1 / dn;
  out->nps2 = s2 / dn;
  out->diff = mean;
  out->se = sqrt(ss / (dn - 1.0) / dn);
  return z_finish(out);
}

/* ---- dispatch --------------------------------------------------------- */

nps_status nps_test2_compute(const nps_counts *g1, const nps_counts *g2,
                             const nps_test2_request *req,
                             nps_test2_result *out, const char **note) {
  if (note)
    *note = NULL;
  size_t draws = req->draws ? req->draws : NPS_TEST2_DEFAULT_DRAWS;
  int flat = one_category(g1) && one_category(g2);
  nps_test2_method m = req->method;
  if ((m == NPS_TEST2_WALD || m == NPS_TEST2_BOOTSTRAP) && flat &&
      nps_counts_total(g1) > 0 && nps_counts_total(g2) > 0) {
    if (note)
      *note = "each group has all its answers in one category: no sampling "
              "spread for this test, adjusted-Wald test used instead";
    m = NPS_TEST2_ADJUSTED_WALD;
  }
  switch (m) {
  case NPS_TEST2_WALD:
    return nps_test2_wald(g1, g2, req->alternative, req->level, out);
  case NPS_TEST2_ADJUSTED_WALD:
    return nps_test2_adjusted_wald(g1, g2, req->alternative, req->level, out);
  case NPS_TEST2_BOOTSTRAP:
    return nps_test2_bootstrap(g1, g2, req->alternative, req->level, draws,
                               req->rng, req->replicates, out);
  case NPS_TEST2_PERMUTATION:
    return nps_test2_permutation(g1, g2, req->alternative, req->level,
                                 req->max_tables, draws, req->rng, out);
  default:
    clear(out, m, req->alternative, req->level);
    return NPS_EINVAL;
  }
}
