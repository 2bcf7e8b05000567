/*
 * segments.h - the segments analysis: which segments of one sample really
 * differ in NPS?
 *
 * One options struct, one call, one result that the caller owns and frees
 * with nps_segments_free. Every statistical decision is made here: the
 * small-base rule and lumping, each segment's interval (nps_ci_compute),
 * the omnibus test and which of its p-values decides, each segment against
 * the rest of the sample and, when asked, every pair, the adjustment of
 * those p-values across their family, intervals that agree with the
 * adjusted p-values, the verdicts, the letter display of the pairs, and the
 * warning that there are too many thin segments to tell apart.
 *
 * Differences are segment minus rest (or first minus second segment of a
 * pair), on -2..2.
 */
#ifndef NPS_SEGMENTS_H
#define NPS_SEGMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "ci.h"
#include "compare.h"
#include "export.h"
#include "hist.h"
#include "multi.h"
#include "order.h"
#include "status.h"
#include "summary.h"
#include "table.h"
#include "test2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Segments with fewer answers are shown, marked, and left out of tests. */
#define NPS_SEGMENTS_MIN_N 30

/* Permutation draws times tested segments at most: with many segments
 * the omnibus permutation test draws fewer tables (2000 for 1000
 * segments), never fewer than NPS_SEGMENTS_MIN_DRAWS. */
#define NPS_SEGMENTS_PERM_BUDGET 2000000u
#define NPS_SEGMENTS_MIN_DRAWS   1000u

/* Too many thin segments: more segments than this, or a median interval
 * half-width above NPS_SEGMENTS_THIN_HALF_WIDTH (10 points). */
#define NPS_SEGMENTS_THIN_COUNT      8
#define NPS_SEGMENTS_THIN_HALF_WIDTH 0.10

/* Pairwise comparisons are refused above this many tested segments
 * (4950 pairs). */
#define NPS_SEGMENTS_MAX_PAIRWISE 100

/* ABI: the caller allocates it and fills it with nps_segments_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_segments_options {
  nps_ci_method ci;        /* each segment's interval; NPS_CI_DEFAULT */
  double level;            /* 0 < level < 1; 0.95 */
  size_t replicates;       /* bootstrap B and permutation draws; 0: default */
  unsigned long seed;      /* the run's seed */
  uint64_t min_n;          /* NPS_SEGMENTS_MIN_N */
  uint64_t lump_below;     /* 0: off; else segments with fewer answers are
                              merged into one "other" segment that is tested */
  nps_multi_method adjust; /* across each family; NPS_MULTI_HOLM */
  int pairwise;            /* nonzero: every pair of tested segments too */
  nps_order order;         /* row order; NPS_ORDER_NPS */
} nps_segments_options;

/* Sets the defaults above (seed 0, no lumping, no pairs). */
NPS_API void nps_segments_options_init(nps_segments_options *opt);

/* The one answer to "do the segments differ?", from one rule (the omnibus
 * test is the gate of both families): a segment stands out from the rest,
 * or a pair differs, only when its test's family-adjusted p is below
 * alpha AND the omnibus test rejects; its p_adjusted is the larger of the
 * two p-values, so its interval and verdict say the same. Holm alone
 * controls the family-wise error of each family, and the gate only removes
 * rejections, so the error stays at most alpha; the omnibus claim is made
 * at alpha too. Hence no answer can be "no" while a segment or pair is
 * flagged, and "yes" comes in two forms. When the omnibus test rejects,
 * each test's p_adjusted is its family's; when it does not, p_adjusted is
 * raised to the omnibus p (so it is not below alpha, and the matched
 * interval holds 0). docs/methods.md, "Segments". */
typedef enum nps_segments_answer {
  NPS_SEGMENTS_NOT_COMPARED,   /* fewer than two tested segments: no
                                  omnibus test, and no gate */
  NPS_SEGMENTS_NO_EVIDENCE,    /* the omnibus test does not reject: no
                                  segment stands out, no pair differs */
  NPS_SEGMENTS_DIFFER_OVERALL, /* it rejects, but no segment stands out
                                  from the rest after adjustment */
  NPS_SEGMENTS_DIFFER          /* it rejects and at least one segment
                                  stands out from the rest */
} nps_segments_answer;

/* "not-compared", "no-evidence", "differ-overall", "differ". */
NPS_API const char *nps_segments_answer_name(nps_segments_answer a);

/* The two-sided test of one difference with the interval that agrees with
 * its adjusted p-value. The test is the studentized permutation test of
 * nps_test2_permutation (p is its mid-p: exact, or Monte Carlo beyond its
 * enumeration limit). The interval is test-based (Miettinen 1976):
 * diff +- z_{ci_level} se with se = |diff| / z_p, z_p the two-sided normal
 * quantile of p, at ci_level = 1 - alpha p / p_adjusted (alpha =
 * 1 - level); so ci excludes 0 exactly when p_adjusted < alpha, and with
 * no adjustment ci_level is the level itself. p_adjusted is p_family
 * (adjusted within the family), raised to the omnibus p when the omnibus
 * test ran and did not reject (the gate above). Where z_p is not defined
 * (p = 0 or 1, or diff = 0) se is the plug-in Wald SE. */
typedef struct nps_segments_test {
  int tested;            /* 0: a side is below min_n or empty */
  nps_test2_result test; /* diff, Wald se and z, p of the permutation test */
  double diff;           /* the raw difference, the interval's centre */
  double se;             /* the interval's standard error (above) */
  double p_family;       /* adjusted within its family alone */
  double p_adjusted;     /* p_family, or the gate's (above): decides */
  double ci_level;
  nps_interval ci;
  nps_verdict verdict; /* significant: p_adjusted < alpha */
  int held_back;       /* p_family below alpha but not claimed: the omnibus
                          test does not reject */
} nps_segments_test;

typedef struct nps_segments_row {
  const char *key; /* the segment's key; NULL: all answers; the lumped
                      segment: "other" with lumped > 0 */
  size_t key_len;
  size_t lumped; /* segments merged into this row (the "other" row) */
  nps_counts counts;
  nps_estimate est;
  uint64_t missing;
  nps_small_base base; /* NPS_BASE_BELOW rows keep their interval */
  int has_ci;
  nps_ci_result ci;
  unsigned long seed;
  nps_segments_test vs_rest; /* the segment against all other answers */
  const char *letters;       /* pairwise: the letter display ("" untested) */
} nps_segments_row;

/* One pair of tested segments: rows a and b (a listed before b). */
typedef struct nps_segments_pair {
  size_t a, b;
  nps_segments_test t; /* row a minus row b */
} nps_segments_pair;

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_segments {
  nps_segments_row *rows; /* the segments in the chosen order, then the
                             overall row last */
  size_t n_rows;
  size_t n_tested;     /* segments in the tests */
  size_t n_small;      /* segments below min_n, left out */
  nps_omnibus omnibus; /* its permutation p decides the verdict */
  nps_verdict omnibus_verdict;
  nps_segments_pair *pairs; /* pairwise: every pair of tested segments */
  size_t n_pairs;
  int thin;                 /* nonzero: too many thin segments to tell apart */
  double median_half_width; /* of the segments' intervals */
  nps_segments_answer answer; /* the one answer (above) */
  size_t held_back;           /* segments whose p_family is below alpha but not
                                 claimed, as the omnibus test does not reject */
  size_t pairs_held_back;     /* the same for pairs */
  const char *letters_note;   /* pairwise: why there are no letters */
  char *letter_buf;           /* owns the rows' letters */
  nps_segments_options options; /* as given, defaults filled in */
} nps_segments;

/* Analyses the segments of table t (keyed by the segment columns; t is
 * not changed; row keys point into t). *out receives a result to free
 * with nps_segments_free. NPS_EEMPTY when the table holds no answers (*out
 * still returned); NPS_EINVAL for a bad option, or pairwise with more than
 * NPS_SEGMENTS_MAX_PAIRWISE tested segments (err->count: how many were
 * tested); NPS_ENOMEM; NPS_EOVERFLOW; an estimator's failure (*out NULL).
 * err (nps_run_error, status.h) may be NULL. */
NPS_API nps_status nps_segments_run(const nps_table *t,
                                    const nps_segments_options *opt,
                                    nps_segments **out, nps_run_error *err);

/* The overall row (the last one). */
NPS_API const nps_segments_row *nps_segments_overall(const nps_segments *s);

/* Frees s. nps_segments_free(NULL) is a no-op. */
NPS_API void nps_segments_free(nps_segments *s);

#ifdef __cplusplus
}
#endif
#endif
