/*
 * test2.c - two-sample tests of NPS: the Wald and adjusted-Wald z tests,
 * the paired z test, the name tables and the dispatcher. The bootstrap is
 * in test2_boot.c, the permutation test in test2_perm.c.
 *
 * Every test works on category counts only. Differences are carried as the
 * integer t = (P1 - D1) n2 - (P2 - D2) n1 = n1 n2 Delta wherever ties
 * matter (bootstrap p-values, permutation tails), so equal differences
 * compare equal exactly while n1 n2 < 2^52. Formulas, tie rules and the
 * type-I study behind the defaults: docs/methods.md, "Two-sample tests".
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "test2_internal.h"

static const nps_name alternatives[] = {
    {"two-sided", NPS_ALT_TWO_SIDED, NULL},
    {"greater", NPS_ALT_GREATER, NULL},
    {"less", NPS_ALT_LESS, NULL},
};

static const nps_name methods[] = {
    {"wald", NPS_TEST2_WALD, "Wald z test"},
    {"adjusted-wald", NPS_TEST2_ADJUSTED_WALD,
     "adjusted-Wald z test (MeasuringU)"},
    {"bootstrap", NPS_TEST2_BOOTSTRAP, "bootstrap test"},
    {"permutation", NPS_TEST2_PERMUTATION, "permutation test"},
    {"paired", NPS_TEST2_PAIRED, "paired z test"},
    {"sign-flip", NPS_TEST2_SIGN_FLIP, "exact sign-flip test (paired)"},
};

/* The notes of a test without sampling spread (SE = 0). */
#define FLAT_GROUPS                                                            \
  "no spread: each sample has all its answers in one category (SE = 0), "      \
  "the z test is undefined"
#define FLAT_PAIRED                                                            \
  "no spread in the differences (every respondent changed by the same "        \
  "amount): the z test is undefined"

nps_status nps_alternative_parse(const char *name, nps_alternative *out) {
  int v;
  nps_status st =
      nps_name_parse(alternatives, NPS_COUNT_OF(alternatives), name, &v);
  if (st == NPS_OK)
    *out = (nps_alternative)v;
  return st;
}

const char *nps_alternative_name(nps_alternative alt) {
  return nps_name_text(alternatives, NPS_COUNT_OF(alternatives), (int)alt, 0);
}

nps_status nps_test2_method_parse(const char *name, nps_test2_method *out) {
  int v;
  nps_status st = nps_name_parse(methods, NPS_COUNT_OF(methods), name, &v);
  if (st == NPS_OK)
    *out = (nps_test2_method)v;
  return st;
}

const char *nps_test2_method_name(nps_test2_method method) {
  return nps_name_text(methods, NPS_COUNT_OF(methods), (int)method, 0);
}

const char *nps_test2_method_label(nps_test2_method method) {
  return nps_name_text(methods, NPS_COUNT_OF(methods), (int)method, 1);
}

/* ---- shared pieces ---------------------------------------------------- */

void nps_test2_clear(nps_test2_result *out, nps_test2_method m,
                     nps_alternative alt, double level) {
  memset(out, 0, sizeof *out);
  out->method = m;
  out->alternative = alt;
  out->level = level;
  out->nps1 = out->nps2 = out->diff = out->se = out->z = NAN;
  out->p = out->p_percentile = out->p_bca = out->p_shift = NAN;
  out->p_conservative = out->p_diff = out->p_mid = NAN;
  out->z0 = out->accel = out->tables = NAN;
  out->ci = out->ci_alt = out->ci_percentile = (nps_interval){NAN, NAN};
}

int nps_test2_alt_valid(nps_alternative alt) {
  return alt == NPS_ALT_TWO_SIDED || alt == NPS_ALT_GREATER ||
         alt == NPS_ALT_LESS;
}

nps_status nps_test2_check_groups(const nps_counts *g1, const nps_counts *g2,
                                  nps_alternative alt, double level,
                                  nps_test2_result *out) {
  int overflow = 0;
  uint64_t n1 = nps_counts_total_checked(g1, &overflow),
           n2 = nps_counts_total_checked(g2, &overflow);
  if (!nps_test2_alt_valid(alt) || !nps_level_valid(level))
    return NPS_EINVAL;
  if (overflow)
    return NPS_EOVERFLOW;
  if (n1 == 0 || n2 == 0)
    return NPS_EEMPTY;
  out->n1 = n1;
  out->n2 = n2;
  return NPS_OK;
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
 * Delta = 0, a point interval, and out->note says why. */
nps_status nps_test2_z_finish(nps_test2_result *out, const char *flat_note) {
  double d = out->diff, se = out->se;
  double zl = nps_z_for_level(out->level);
  out->ci = (nps_interval){d - zl * se, d + zl * se};
  out->ci_alt = nps_test2_sided(out->ci, d, se, out->level, out->alternative);
  if (se > 0.0) {
    out->z = d / se;
    out->p = normal_p(out->z, out->alternative);
    return NPS_OK;
  }
  out->z = d > 0.0 ? INFINITY : d < 0.0 ? -INFINITY : NAN;
  out->p = d == 0.0 ? 1.0 : normal_p(out->z, out->alternative);
  out->note = flat_note;
  return NPS_OK;
}

/* The one-sided bound Delta -+ z_{level} se rejects exactly when the
 * one-sided normal p = Q(Delta / se) (greater) or Phi(Delta / se) (less)
 * is below 1 - level; the other end is the end of Delta's range. */
nps_interval nps_test2_sided(nps_interval two_sided, double d, double se,
                             double level, nps_alternative alt) {
  if (alt == NPS_ALT_TWO_SIDED)
    return two_sided;
  double z = gsl_cdf_ugaussian_Qinv(1.0 - level);
  if (alt == NPS_ALT_GREATER)
    return (nps_interval){d - z * se, 2.0};
  return (nps_interval){-2.0, d + z * se};
}

/* t = (P1 - D1) n2 - (P2 - D2) n1 = n1 n2 Delta. */
double nps_test2_scaled_diff(const nps_counts *c1, const nps_counts *c2,
                             double n1, double n2) {
  return nps_count_diff(c1->promoters, c1->detractors) * n2 -
         nps_count_diff(c2->promoters, c2->detractors) * n1;
}

/* ---- Wald and adjusted Wald -------------------------------------------- */

/* Wald z test (Rocks 2016, section 2, extended to two independent
 * samples): Delta = theta1 - theta2, SE^2 = V1/n1 + V2/n2. */
nps_status nps_test2_wald(const nps_counts *g1, const nps_counts *g2,
                          nps_alternative alt, double level,
                          nps_test2_result *out) {
  nps_test2_clear(out, NPS_TEST2_WALD, alt, level);
  nps_status st = nps_test2_check_groups(g1, g2, alt, level, out);
  if (st != NPS_OK)
    return st;
  nps_estimate e1, e2;
  (void)nps_counts_estimate(g1, &e1);
  (void)nps_counts_estimate(g2, &e2);
  out->nps1 = e1.nps;
  out->nps2 = e2.nps;
  out->diff = e1.nps - e2.nps;
  out->se = hypot(e1.se, e2.se); /* sqrt(V1/n1 + V2/n2) */
  return nps_test2_z_finish(out, FLAT_GROUPS);
}

/* theta and V of counts adjusted by 0.75 / 1.5 / 0.75 (Rocks 2016). */
void nps_test2_adjusted(const nps_counts *c, double *theta, double *var,
                        double *m) {
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  *m = n + 3.0;
  double pp = (p + 0.75) / *m, pd = (d + 0.75) / *m;
  *theta = nps_count_diff(c->promoters, c->detractors) / *m;
  *var = fmax(pp + pd - (pp - pd) * (pp - pd), 0.0);
}

/* MeasuringU's two-sample adjusted-Wald test (Sauro, "How to statistically
 * compare two Net Promoter Scores"): adjust each group as Rocks's
 * interval does, then the Wald z test on the adjusted estimates. */
nps_status nps_test2_adjusted_wald(const nps_counts *g1, const nps_counts *g2,
                                   nps_alternative alt, double level,
                                   nps_test2_result *out) {
  nps_test2_clear(out, NPS_TEST2_ADJUSTED_WALD, alt, level);
  nps_status st = nps_test2_check_groups(g1, g2, alt, level, out);
  if (st != NPS_OK)
    return st;
  double v1, v2, m1, m2;
  nps_test2_adjusted(g1, &out->nps1, &v1, &m1);
  nps_test2_adjusted(g2, &out->nps2, &v2, &m2);
  out->diff = out->nps1 - out->nps2;
  out->se = sqrt(v1 / m1 + v2 / m2);
  return nps_test2_z_finish(out, NULL); /* never without spread */
}
/* ---- paired ----------------------------------------------------------- */

/* Paired z test: d = s1 - s2 = i - j for the cell (i, j); mean, sample
 * variance (n - 1) by two passes over the nine cells. */
nps_status nps_test2_paired(const nps_paired *t, nps_alternative alt,
                            double level, nps_test2_result *out) {
  nps_test2_clear(out, NPS_TEST2_PAIRED, alt, level);
  if (!nps_test2_alt_valid(alt) || !nps_level_valid(level))
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
  if (!(out->se > 0.0)) { /* no spread: no z, no p, no interval */
    out->se = 0.0;
    out->note = FLAT_PAIRED;
    return NPS_OK;
  }
  nps_status st = nps_test2_z_finish(out, NULL);
  if (st == NPS_OK && alt != NPS_ALT_TWO_SIDED) {
    /* the one-sided bound at level, which agrees with the one-sided p */
    double h = nps_z_for_level(2.0 * level - 1.0) * out->se;
    out->ci = alt == NPS_ALT_GREATER ? (nps_interval){mean - h, 2.0}
                                     : (nps_interval){-2.0, mean + h};
  }
  return st;
}
/* ---- dispatch --------------------------------------------------------- */

static nps_status run(const nps_counts *g1, const nps_counts *g2,
                      const nps_test2_request *req, nps_test2_method m,
                      nps_test2_result *out) {
  size_t draws = req->draws ? req->draws : NPS_TEST2_DEFAULT_DRAWS;
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
    nps_test2_clear(out, m, req->alternative, req->level);
    return NPS_EINVAL;
  }
}

nps_status nps_test2_compute(const nps_counts *g1, const nps_counts *g2,
                             const nps_test2_request *req,
                             nps_test2_result *out) {
  nps_test2_method m = req->method;
  int flat = nps_counts_one_category(g1) && nps_counts_one_category(g2);
  int fallback = (m == NPS_TEST2_WALD || m == NPS_TEST2_BOOTSTRAP) && flat;
  nps_status st = run(g1, g2, req, fallback ? NPS_TEST2_ADJUSTED_WALD : m, out);
  if (fallback && st == NPS_OK)
    out->note = "each group has all its answers in one category: no sampling "
                "spread for this test, adjusted-Wald test used instead";
  return st;
}
