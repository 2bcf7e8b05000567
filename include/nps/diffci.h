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
  NPS_DIFF_CI_WALD,          /* Wald z interval, plug-in variances */
  NPS_DIFF_CI_MOVER_BAYES,   /* MOVER from the two Jeffreys intervals */
  NPS_DIFF_CI_MOVER_SCORE,   /* MOVER from the two Tango score intervals */
  NPS_DIFF_CI_BOOT_T,        /* studentized bootstrap (bootstrap-t) */
  NPS_DIFF_CI_NONE           /* no interval (untested) */
} nps_diff_ci_method;

/* The interval of a difference to use without a preference: MOVER from
 * the two samples' Jeffreys intervals, the closest to nominal coverage in
 * the study of docs/methods.md §13 (94.0-98.3% in every cell from 30
 * answers per group, never below 94.0% from 20), deterministic and
 * without fallbacks. */
#define NPS_DIFF_CI_DEFAULT NPS_DIFF_CI_MOVER_BAYES

/* Parses "mover-bayes", "mover-score", "bca", "percentile", "boot-t",
 * "wald", "adjusted-wald", "test", "paired"; NPS_EINVAL otherwise. */
NPS_API nps_status nps_diff_ci_method_parse(const char *name,
                                            nps_diff_ci_method *out);

/* The canonical name of method, as nps_diff_ci_method_parse accepts it
 * ("unknown" for NPS_DIFF_CI_NONE). */
NPS_API const char *nps_diff_ci_method_name(nps_diff_ci_method method);

/* A short description, e.g. "MOVER from the Jeffreys intervals". */
NPS_API const char *nps_diff_ci_method_label(nps_diff_ci_method method);

/* The bootstrap needs at least this many answers in each sample; with
 * fewer, the adjusted-Wald interval is used (as for one sample,
 * NPS_CI_BOOT_MIN_N). */
#define NPS_DIFF_CI_BOOT_MIN_N NPS_CI_BOOT_MIN_N

typedef struct nps_diff_ci_request {
  nps_diff_ci_method method; /* BCA, PERCENTILE, ADJUSTED_WALD, WALD,
                                MOVER_BAYES, MOVER_SCORE or BOOT_T */
  nps_alternative alternative;
  double level;
  size_t replicates; /* bootstrap B; 0 means NPS_TEST2_DEFAULT_DRAWS */
  gsl_rng *rng;      /* required by the bootstrap methods (BOOT_T always;
                        BCA and PERCENTILE unless bootstrap is given) */
  const nps_test2_result *bootstrap; /* NULL, or a bootstrap test already
                                        run on the same samples: reused by
                                        BCA and PERCENTILE */
} nps_diff_ci_request;

typedef struct nps_diff_ci_result {
  nps_interval iv;                /* of theta1 - theta2, unclipped */
  double centre;                  /* the difference it is built around: the
                                     raw one, or for adjusted Wald the
                                     difference of the adjusted NPS */
  nps_diff_ci_method method_used; /* differs after a fallback */
  const char *note;               /* static text on a fallback, else NULL */
} nps_diff_ci_result;

/* The interval of theta1 - theta2 by req->method (formulas and the
 * coverage study: docs/methods.md, "Interval of a difference"):
 *   WALD           Delta +- z sqrt(V1/n1 + V2/n2) (nps_test2_wald);
 *   ADJUSTED_WALD  the MeasuringU adjusted-Wald interval, centred on the
 *                  difference of the adjusted NPS (nps_test2_adjusted_wald);
 *   MOVER_BAYES, MOVER_SCORE  the method of variance estimates recovery
 *                  (Newcombe 1998; Zou and Donner 2008) from each sample's
 *                  one-sample limits (l_g, u_g) around t_g = (P_g - D_g)/n_g,
 *                  the Jeffreys interval (nps_interval_bayes, prior 1/2) or
 *                  the Tango score interval (nps_interval_score):
 *                    L = t1 - t2 - sqrt((t1 - l1)^2 + (u2 - t2)^2),
 *                    U = t1 - t2 + sqrt((u1 - t1)^2 + (t2 - l2)^2);
 *                  a one-sample interval that does not contain t_g (the
 *                  equal-tailed Jeffreys interval of an all-promoter or
 *                  all-detractor sample stops short of +-1) is first
 *                  widened to reach t_g;
 *   BOOT_T         studentized bootstrap (Efron and Tibshirani 1993,
 *                  ch. 12): B replicates of both samples as for
 *                  nps_test2_bootstrap, t* = (Delta* - Delta) / se* with
 *                  se* the replicate's Wald SE; the interval is
 *                  [Delta - t*_(1-alpha/2) se, Delta - t*_(alpha/2) se],
 *                  se the sample's Wald SE, t* quantiles by
 *                  nps_boot_quantile. A replicate with se* = 0 (both
 *                  replicate samples one-category) has t* = +-inf by the
 *                  sign of Delta* - Delta, or 0 when Delta* = Delta; a limit
 *                  that comes out infinite is set to -2 or 2, the end of
 *                  the range of Delta;
 *   BCA, PERCENTILE  the bootstrap of nps_test2_bootstrap.
 * TEST and PAIRED are not computed here (nps_diff_ci_test_based,
 * nps_test2_paired): NPS_EINVAL.
 * Fallbacks, each reported through method_used and note: for BCA,
 * PERCENTILE and BOOT_T a sample with fewer than NPS_DIFF_CI_BOOT_MIN_N
 * answers, and for those and WALD both samples with every answer in one
 * category, give the adjusted-Wald interval; BCa whose replicates all fall
 * on one side of the estimate gives the percentile interval. The MOVER
 * intervals need no fallback. NPS_EEMPTY when a sample is empty,
 * NPS_EINVAL for a bad request (unknown or uncomputed method, a level
 * outside (0, 1), a bootstrap method without rng, B = 1), NPS_ENOMEM, and
 * the statuses of the tests and one-sample intervals. */
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

/* The interval of t's alternative at t->level from t's own procedure,
 * agreeing with t->p: t->ci_alt where the test gives one (z tests,
 * bootstrap); else the test-based interval (permutation, sign-flip):
 * two-sided nps_diff_ci_test_based(t, t->level), greater [Delta -
 * z_{level} SE, 2] and less [-2, Delta + z_{level} SE] with SE =
 * nps_diff_ci_test_based_se(t) (one-sided z_p), so that the bound
 * excludes 0 exactly when the one-sided p < 1 - level. */
NPS_API nps_interval nps_diff_ci_alternative(const nps_test2_result *t);

#ifdef __cplusplus
}
#endif
#endif
