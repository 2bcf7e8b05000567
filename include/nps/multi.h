/*
 * multi.h - k groups at once: omnibus tests that they share one NPS, and
 * multiple-comparison adjustment of p-values.
 *
 * When one analysis runs many tests (one per segment, every pair of
 * segments, every competitor), some p-values fall below 0.05 by chance.
 * Holm's step-down method (Holm 1979) controls the family-wise error rate;
 * the Benjamini-Hochberg step-up method (Benjamini and Hochberg 1995)
 * controls the false discovery rate. Both return adjusted p-values, to be
 * compared with the unadjusted alpha, identical to R's p.adjust with
 * method "holm", "BH" and "bonferroni".
 */
#ifndef NPS_MULTI_H
#define NPS_MULTI_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "export.h"
#include "hist.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nps_multi_method {
  NPS_MULTI_NONE,      /* p-values unchanged */
  NPS_MULTI_HOLM,      /* Holm step-down, family-wise error rate */
  NPS_MULTI_BH,        /* Benjamini-Hochberg, false discovery rate */
  NPS_MULTI_BONFERRONI /* min(1, m p) */
} nps_multi_method;

/* Parses "none", "holm", "bh" (also "fdr", as R accepts), "bonferroni".
 * NPS_EINVAL for any other name. */
NPS_API nps_status nps_multi_method_parse(const char *name,
                                          nps_multi_method *out);

/* The canonical name of method, as nps_multi_method_parse accepts it. */
NPS_API const char *nps_multi_method_name(nps_multi_method method);

/* Adjusts the k p-values p[0..k-1] into adj[0..k-1] (same order; adj may
 * be p itself). With the m non-NaN values sorted ascending,
 * p(1) <= ... <= p(m):
 *   holm:        adj(i) = max_{j <= i} min(1, (m - j + 1) p(j))
 *   bh:          adj(i) = min_{j >= i} min(1, m p(j) / j)
 *   bonferroni:  adj(i) = min(1, m p(i))
 * NaN entries (tests that could not be run) stay NaN and do not count in
 * m, as R's p.adjust treats NA. Ties keep their input order.
 * Returns NPS_OK; NPS_EINVAL for a p outside [0, 1] (other than NaN) or an
 * unknown method (adj is then unchanged); NPS_ENOMEM. k = 0 is a no-op. */
NPS_API nps_status nps_multi_adjust(nps_multi_method method, const double *p,
                                    size_t k, double *adj);

/* The confidence level matched to an adjusted p-value: 1 - alpha p /
 * p_adjusted with alpha = 1 - level, so that p < 1 - (that level) exactly
 * when p_adjusted < alpha. An interval built by inverting the test at this
 * level therefore excludes "no difference" exactly when the adjusted p
 * rejects. Returns level itself when there is nothing to match (p_adjusted
 * <= p, p = 0, or a NaN). */
NPS_API double nps_multi_matched_level(double level, double p,
                                       double p_adjusted);

/* The same rule as a tail: alpha p / p_adjusted (alpha where there is
 * nothing to match), so that nps_multi_matched_level is 1 minus it. Use it
 * for the normal quantile when the tail is far below the spacing of
 * doubles near 1, where 1 - (the matched level) would round to 0. */
NPS_API double nps_multi_matched_tail(double level, double p,
                                      double p_adjusted);

/* Permutation draws stop after this many reach the observed statistic. */
#define NPS_OMNIBUS_STOP_HITS 200

/* Omnibus tests of k groups (docs/methods.md, "Segments"). */
typedef struct nps_omnibus {
  size_t k;            /* groups with answers; empty groups are left out */
  double theta_w;      /* weighted mean NPS sum w_i theta_i / sum w_i */
  double w;            /* Wald chi-square W = sum w_i (theta_i - theta_w)^2 */
  double w_df;         /* k - 1 */
  double w_p;          /* upper chi-square tail of W */
  size_t adjusted;     /* groups with V_i = 0 that used the adjusted V_i */
  double chisq;        /* Pearson X^2 of the 3 x k table of category counts */
  double chisq_df;     /* (c - 1)(k - 1), c = categories present anywhere */
  double chisq_p;      /* upper chi-square tail of X^2 */
  double min_expected; /* smallest expected count of that table */
  double perm_p;       /* Monte Carlo permutation p of W; NAN without draws */
  double perm_mc_se;   /* its Monte Carlo standard error */
  size_t perm_draws;   /* permutations drawn */
  const char *note;    /* static text on a caveat, else NULL */
} nps_omnibus;

/* Do the k groups g[0..k) share one NPS?
 * Wald: theta_i = (P_i - D_i)/n_i, V_i = pP + pD - theta_i^2, w_i =
 * n_i / V_i, and W = sum w_i (theta_i - theta_w)^2 is chi-square with
 * k - 1 df under equal NPS. A group with V_i = 0 (all its answers in one
 * category) uses the adjusted-Wald variance of (P + 0.75, A + 1.5,
 * D + 0.75) instead, so that it neither gets infinite weight nor drops
 * out; out->adjusted counts them.
 * Pearson: X^2 = sum (O - E)^2 / E over the 3 x k table, E = row total x
 * column total / N; it tests that the groups share one distribution over
 * promoters, passives and detractors, a different null from equal NPS
 * (two groups can have equal NPS with different shares).
 * Permutation (draws > 0): the conditional distribution of W given the
 * pooled category counts and the group sizes, by Monte Carlo: each draw
 * deals the pooled answers to the groups (sequential hypergeometric
 * draws) and recomputes W, W* within a relative 1e-9 of W counting as
 * reaching it. Sequential (Besag and Clifford 1991): the draws stop at the
 * NPS_OMNIBUS_STOP_HITS-th W* that reaches W, after L draws, with
 * p = NPS_OMNIBUS_STOP_HITS / L; otherwise all draws are made and
 * p = (1 + #{W* >= W}) / (1 + draws). Both are valid p-values at any n,
 * which the chi-square reference of W is not when groups are small;
 * perm_draws says how many were made.
 * Fewer than two groups with answers: NPS_OK, k < 2, every test NAN and a
 * note. NPS_EINVAL when draws > 0 and r is NULL; NPS_EOVERFLOW when the
 * pooled counts pass 2^64 - 1; NPS_ENOMEM. */
NPS_API nps_status nps_multi_omnibus(const nps_counts *g, size_t k,
                                     size_t draws, gsl_rng *r,
                                     nps_omnibus *out);

#ifdef __cplusplus
}
#endif
#endif
