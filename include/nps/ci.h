/*
 * ci.h - one entry point for every interval method, with the fallbacks.
 *
 * nps_ci_compute picks the routine for the requested method and applies the
 * documented fallback when the method cannot give an honest interval for
 * the data (a sample whose answers all fall in one category has no
 * sampling spread: Wald and the bootstrap would return a single point).
 * The result says which method was really used and why.
 */
#ifndef NPS_CI_H
#define NPS_CI_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "boot.h"
#include "export.h"
#include "hist.h"
#include "interval.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The method used when the requested one cannot describe the data. */
#define NPS_CI_FALLBACK NPS_CI_ADJUSTED_WALD

/* The method to use when none is asked for: the Bayesian interval with the
 * Jeffreys prior, the closest to nominal coverage in the coverage study of
 * docs/methods.md (mean error 0.2 points for n >= 30, against 0.4 for BCa),
 * and deterministic. */
#define NPS_CI_DEFAULT NPS_CI_BAYES

/* The bootstrap methods need at least this many answers; with fewer, the
 * bootstrap distribution has too few distinct values (BCa covers 75-93% at
 * n = 3..10 for balanced shares) and NPS_CI_FALLBACK is used instead. */
#define NPS_CI_BOOT_MIN_N 20

typedef struct nps_ci_request {
  nps_ci_method method;
  double level;      /* 0 < level < 1, e.g. 0.95 */
  size_t replicates; /* bootstrap B; 0 means NPS_BOOT_DEFAULT_REPLICATES */
  gsl_rng *rng;      /* required by the bootstrap methods, else unused */
  double *work;      /* NULL, or `replicates` doubles that receive the sorted
                        bootstrap replicates when a bootstrap method runs */
} nps_ci_request;

typedef struct nps_ci_result {
  nps_interval iv;           /* clipped to [-1, 1] */
  nps_ci_method method_used; /* differs from the request after a fallback */
  const char *note;          /* static text on a fallback, else NULL */
  double boot_se;            /* bootstrap standard error, or NAN */
} nps_ci_result;

/* Computes the interval requested for c. Fallbacks, each reported through
 * method_used and note: Wald, percentile and BCa on a one-category sample,
 * and percentile and BCa with fewer than NPS_CI_BOOT_MIN_N answers, use
 * NPS_CI_FALLBACK; BCa whose replicates all fall on one side of the
 * estimate (infinite z0) uses the percentile interval of those replicates.
 * The interval always contains the estimate: for a sample of promoters
 * only its upper end is +1, for detractors only its lower end is -1 (the
 * per-method functions of interval.h return the methods' own limits).
 * NPS_EEMPTY when c holds no answers (out->iv is then NAN, NAN), NPS_EINVAL
 * for a bad level or method, a bootstrap method without rng or with
 * replicates = 1, NPS_ENOMEM, NPS_ENUMERIC. */
NPS_API nps_status nps_ci_compute(const nps_counts *c,
                                  const nps_ci_request *req,
                                  nps_ci_result *out);

#ifdef __cplusplus
}
#endif
#endif
