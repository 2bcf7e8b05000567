/*
 * hist.h - the 11-bin score histogram, category counts and shares, and the
 * NPS point estimate.
 *
 * Everything nps-stat computes about one group depends only on the counts of
 * the scores 0..10 (and NPS itself only on the three category counts), so a
 * histogram is the sufficient statistic that ingest produces and every
 * estimator consumes. Histograms merge by addition.
 *
 * Scale: NPS is kept on -1..1 (each respondent scores +1 promoter, 0 passive,
 * -1 detractor and NPS is their mean); multiply by 100 for points.
 */
#ifndef NPS_HIST_H
#define NPS_HIST_H

#include <stdint.h>

#include "export.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NPS_NSCORES 11 /* scores 0..10 */

/* Category boundaries: detractor 0..6, passive 7..8, promoter 9..10. */
#define NPS_PASSIVE_MIN  7
#define NPS_PROMOTER_MIN 9

typedef enum nps_category {
  NPS_DETRACTOR = -1,
  NPS_PASSIVE = 0,
  NPS_PROMOTER = 1
} nps_category;

/* Counts of each score 0..10. Zero-initialise ({0}) before use. */
typedef struct nps_hist {
  uint64_t count[NPS_NSCORES];
} nps_hist;

/* Category counts: the trinomial summary of a histogram. */
typedef struct nps_counts {
  uint64_t promoters;
  uint64_t passives;
  uint64_t detractors;
} nps_counts;

/* Point estimate and plug-in variance of one group. */
typedef struct nps_estimate {
  uint64_t n;
  double share_promoters;  /* P/n */
  double share_passives;   /* A/n */
  double share_detractors; /* D/n */
  double nps;              /* P/n - D/n, on -1..1 */
  double var;              /* per-respondent variance pP + pD - nps^2 */
  double se;               /* sqrt(var / n) */
} nps_estimate;

/* The category of score (0..10); scores outside 0..10 are detractors, so
 * check with nps_score_valid first. */
NPS_API nps_category nps_score_category(int score);

/* Nonzero when score is an integer 0..10. */
NPS_API int nps_score_valid(long score);

/* Adds count answers of score to h. NPS_EINVAL if score is outside 0..10,
 * NPS_EOVERFLOW if the bin would pass 2^64 - 1 (h is then unchanged). */
NPS_API nps_status nps_hist_add(nps_hist *h, int score, uint64_t count);

/* dst += src, bin by bin. NPS_EOVERFLOW (dst unchanged) on overflow. */
NPS_API nps_status nps_hist_merge(nps_hist *dst, const nps_hist *src);

/* Total number of answers in h. */
NPS_API uint64_t nps_hist_total(const nps_hist *h);

/* The category counts of h. */
NPS_API nps_counts nps_hist_counts(const nps_hist *h);

/* Total P + A + D (saturates at 2^64 - 1, which no real input reaches). */
NPS_API uint64_t nps_counts_total(const nps_counts *c);

/* NPS, shares, variance and standard error of c.
 * NPS_EEMPTY when c holds no answers (out is then zeroed). */
NPS_API nps_status nps_counts_estimate(const nps_counts *c, nps_estimate *out);

/* Category shares of a distribution; they sum to 1. */
typedef struct nps_shares {
  double promoters;
  double passives;
  double detractors;
} nps_shares;

/* Normalises non-negative weights p, a, d (counts, percentages or shares)
 * to shares. NPS_EINVAL when a weight is negative or not finite, or all
 * are 0. */
NPS_API nps_status nps_shares_from(double p, double a, double d,
                                   nps_shares *out);

#ifdef __cplusplus
}
#endif
#endif
