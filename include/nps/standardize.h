/*
 * standardize.h - two samples standardized to a common mix of strata
 * (direct standardization), so that a change of NPS can be told apart
 * from a change in who answered.
 *
 * When the mix of a column (channel, region) differs between before and
 * after, part of the raw change in NPS is the mix: more answers from a
 * channel that always scores high raise NPS without anyone changing
 * their mind. Each sample's NPS is reweighted to one standard mix, the
 * pooled mix of both samples, and the difference of those standardized
 * NPS is the change within strata. docs/methods.md ("Standardizing the
 * mix") has the formulas.
 */
#ifndef NPS_STANDARDIZE_H
#define NPS_STANDARDIZE_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "hist.h"
#include "status.h"
#include "table.h"
#include "test2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One stratum: its key (points into the input table), both samples'
 * counts, and its weight in the standard. */
typedef struct nps_stratum {
  const char *key;
  size_t key_len;
  nps_counts counts[2];
  double nps[2];   /* each sample's NPS in the stratum; NAN when empty */
  double weight;   /* share of the standard mix; 0 when left out */
  int in_standard; /* answered in both samples */
} nps_stratum;

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_standardized {
  nps_stratum *strata; /* by key */
  size_t n_strata;
  size_t n_standard;     /* strata in the standard (both samples) */
  uint64_t left_out[2];  /* answers in strata that the other sample lacks */
  double raw_diff;       /* theta1 - theta0 over every answer */
  nps_test2_result test; /* the standardized comparison: nps1, nps2 the
                            standardized NPS of samples 1 and 0, diff, se,
                            z, p and its own interval ci (method
                            NPS_TEST2_WALD: interval and p agree) */
  double mix;            /* raw_diff - test.diff: the part of the raw
                            change that the change of mix (and the strata
                            left out) account for */
} nps_standardized;

/* Standardizes the samples t[0] and t[1], tables keyed by the stratum
 * (every key one stratum), to their pooled mix over the strata that both
 * samples answered in: weight w_s = (n0s + n1s) / sum of those. Each
 * sample's standardized NPS is sum w_s theta_gs, with variance
 * sum w_s^2 V_gs / n_gs (a stratum whose answers are all in one category
 * uses its adjusted-Wald variance, Rocks 2016, so no stratum counts as
 * certain). The difference sample 1 - sample 0 is tested by a z test for
 * alt, with its own Wald interval at level. The tables are not changed
 * (strata are taken in key order through a sorted view). *out is
 * freed with nps_standardized_free. NPS_EEMPTY when no stratum has
 * answers in both samples, NPS_EINVAL for a bad level or alternative,
 * NPS_ENOMEM. */
NPS_API nps_status nps_standardize(const nps_table *const t[2],
                                   nps_alternative alt, double level,
                                   nps_standardized **out);

/* Frees s; nps_standardized_free(NULL) is a no-op. */
NPS_API void nps_standardized_free(nps_standardized *s);

#ifdef __cplusplus
}
#endif

#endif
