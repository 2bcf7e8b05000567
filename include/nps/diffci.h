/*
 * diffci.h - one entry point for the interval of a difference between two
 * independent NPS, with the fallbacks.
 *
 * nps_diff_ci_compute mirrors nps_ci_compute for one sample: it runs the
 * requested method and, where that method cannot give an honest interval
 * for the data, the documented fallback; the result says which method was
 * used and why.
 */
#ifndef NPS_DIFFCI_H
#define NPS_DIFFCI_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "export.h"
#include "hist.h"
#include "interval.h"
#include "status.h"
#include "test2.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nps_diff_ci_method {
  NPS_DIFF_CI_BCA,           /* bootstrap BCa of the difference */
  NPS_DIFF_CI_PERCENTILE,    /* bootstrap percentile */
  NPS_DIFF_CI_ADJUSTED_WALD, /* adjusted-Wald z interval (the fallback) */
  NPS_DIFF_CI_TEST,          /* the chosen test's own interval: a z test's,
                                the bootstrap's, or the test-based interval
                                of the permutation test */
  NPS_DIFF_CI_PAIRED,        /* paired z interval (paired comparisons) */
  NPS_DIFF_CI_NONE           /* no interval (untested) */
} nps_diff_ci_method;

/* The bootstrap needs at least this many answers in each sample; with
 * fewer, the adjusted-Wald interval is used (as for one sample,
 * NPS_CI_BOOT_MIN_N). */
#define NPS_DIFF_CI_BOOT_MIN_N NPS_CI_BOOT_MIN_N

typedef struct nps_diff_ci_request {
  nps_diff_ci_method method; /* BCA, PERCENTILE or ADJUSTED_WALD */
  nps_alternative alternative;
  double level;
  size_t replicates; /* bootstrap B; 0 means NPS_TEST2_DEFAULT_DRAWS */
  gsl_rng *rng;      /* required by the bootstrap methods */
  const nps_test2_result *bootstrap; /* NULL, or a bootstrap test already
                                        run on the same samples: reused */
} nps_diff_ci_request;

typedef struct nps_diff_ci_result {
  nps_interval iv;                /* of theta1 - theta2, unclipped */
  double centre;                  /* the difference it is built around: the
                                     raw one, or for adjusted Wald the
                                     difference of the adjusted NPS */
  nps_diff_ci_method method_used; /* differs after a fallback */
  const char *note;               /* static text on a fallback, else NULL */
} nps_diff_ci_result;

/* The interval of theta1 - theta2 by req->method. Fallbacks, each reported
 * through method_used and note: a sample with fewer than
 * NPS_DIFF_CI_BOOT_MIN_N answers, or both samples with every answer in one
 * category, give the adjusted-Wald interval; BCa whose replicates all fall
 * on one side of the estimate gives the percentile interval. NPS_EEMPTY
 * when a sample is empty, NPS_EINVAL for a bad request, NPS_ENOMEM, and
 * the statuses of the tests. */
NPS_API nps_status nps_diff_ci_compute(const nps_counts *g1,
                                       const nps_counts *g2,
                                       const nps_diff_ci_request *req,
                                       nps_diff_ci_result *out);

/* The standard error that makes a z interval agree with the test t: the
 * test-based SE |Delta| / z_p (Miettinen 1976), z_p the normal quantile
 * of t->p (two-sided: z_{1-p/2}; one-sided: z_{1-p} with the sign of the
 * alternative), so that Delta +- z_{1-alpha/2} SE excludes 0 exactly when
 * the two-sided p < alpha. Where that is not defined (p = 0 or 1, Delta =
 * 0, or z_p of the other sign than Delta) it is t->se, the plug-in SE. */
NPS_API double nps_diff_ci_test_based_se(const nps_test2_result *t);

/* The test-based interval of t at level (two-sided, centred on t->diff):
 * Delta +- z_{1-(1-level)/2} nps_diff_ci_test_based_se(t). */
NPS_API nps_interval nps_diff_ci_test_based(const nps_test2_result *t,
                                            double level);

#ifdef __cplusplus
}
#endif
#endif
