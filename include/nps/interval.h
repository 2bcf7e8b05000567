/*
 * interval.h - analytic confidence intervals for one NPS.
 *
 * All limits are on the -1..1 scale. Formulas and references are in
 * docs/methods.md; each function's comment names its source.
 */
#ifndef NPS_INTERVAL_H
#define NPS_INTERVAL_H

#include "export.h"
#include "hist.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nps_interval {
  double lo;
  double hi;
} nps_interval;

/* The interval methods nps-stat knows (analytic and bootstrap). */
typedef enum nps_ci_method {
  NPS_CI_WALD,
  NPS_CI_ADJUSTED_WALD,
  NPS_CI_SCORE,      /* Tango score interval */
  NPS_CI_BAYES,      /* Dirichlet posterior, Jeffreys prior */
  NPS_CI_PERCENTILE, /* bootstrap percentile */
  NPS_CI_BCA         /* bootstrap bias-corrected and accelerated */
} nps_ci_method;

/* Parses "wald", "adjusted-wald", "score", "bayes", "percentile", "bca".
 * NPS_EINVAL for any other name. */
NPS_API nps_status nps_ci_method_parse(const char *name, nps_ci_method *out);

/* The canonical name of method, as nps_ci_method_parse accepts it. */
NPS_API const char *nps_ci_method_name(nps_ci_method method);

/* A one-line human description, e.g. "adjusted Wald (Rocks 2016)". */
NPS_API const char *nps_ci_method_label(nps_ci_method method);

/* The two-sided standard normal quantile z_{1-(1-level)/2}.
 * level must satisfy 0 < level < 1. */
NPS_API double nps_z_for_level(double level);

/* Wald interval nps +- z * sqrt(V/n). Collapses to a point when one
 * category holds every answer. NPS_EEMPTY for n = 0, NPS_EINVAL for a level
 * outside (0, 1). */
NPS_API nps_status nps_interval_wald(const nps_counts *c, double level,
                                     nps_interval *out);

/* Adjusted Wald (Rocks 2016, MeasuringU): add 0.75 promoters, 1.5 passives
 * and 0.75 detractors (n + 3), then Wald on the adjusted proportions,
 * centred on (P - D)/(n + 3). If center is not NULL it receives that centre.
 * The limits are returned unclipped; nps_interval_clip clips for display.
 * Defined for n = 0 too (the pseudo-counts alone). */
NPS_API nps_status nps_interval_adjusted_wald(const nps_counts *c, double level,
                                              nps_interval *out,
                                              double *center);

/* Tango (1998) score interval as Rocks (2016) applies it to NPS: the set of
 * theta whose score statistic, with the restricted MLE of the detractor share
 * given theta, stays within z. NPS_EEMPTY for n = 0. */
NPS_API nps_status nps_interval_score(const nps_counts *c, double level,
                                      nps_interval *out);

/* From this many answers n on (2^53), the Bayesian interval is the normal
 * limit of the posterior. */
#define NPS_BAYES_NORMAL_MIN_N 9007199254740992.0

/* Equal-tailed credible interval of theta = pP - pD under the posterior
 * Dirichlet(P + prior, A + prior, D + prior); prior = 0.5 is Jeffreys.
 * Computed by one-dimensional quadrature of the exact posterior; from n =
 * NPS_BAYES_NORMAL_MIN_N answers on (and where the posterior sd is below 1e-10)
 * it is the normal limit, posterior mean -+ z posterior sd clipped to [-1, 1],
 * whose quantiles differ from the exact ones by the skewness term, at most
 * 2 (z^2 - 1) / (3 n) (docs/methods.md). If mean is not NULL it receives
 * the posterior mean. */
NPS_API nps_status nps_interval_bayes(const nps_counts *c, double level,
                                      double prior, nps_interval *out,
                                      double *mean);

/* Clips both limits to [-1, 1]. */
NPS_API nps_interval nps_interval_clip(nps_interval iv);

#ifdef __cplusplus
}
#endif
#endif
