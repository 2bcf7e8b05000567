/*
 * multi.h - multiple-comparison adjustment of p-values.
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

#include "export.h"
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

#ifdef __cplusplus
}
#endif
#endif
