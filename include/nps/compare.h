/*
 * compare.h - the compare analysis: did NPS differ between two samples
 * (before and after, control and pilot), overall and within segments, or
 * for the same respondents measured twice?
 *
 * One options struct, one call, one result that the caller owns and frees
 * with nps_compare_free. Every statistical decision of a comparison is
 * made here: each sample's interval (nps_ci_compute), the chosen test and
 * its fallback, the interval of the difference (nps_diff_ci_compute), the
 * small-base rule, the multiple-comparison adjustment across segments, the
 * detectable difference, the seeds, and the verdict.
 *
 * Direction: sample 0 is the first (before, control), sample 1 the second
 * (after, pilot); every difference is sample 1 minus sample 0, on -2..2.
 */
#ifndef NPS_COMPARE_H
#define NPS_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "ci.h"
#include "diffci.h"
#include "export.h"
#include "hist.h"
#include "multi.h"
#include "standardize.h"
#include "status.h"
#include "table.h"
#include "test2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Power at which the detectable difference is stated. */
#define NPS_COMPARE_POWER 0.8

/* ABI: the caller allocates it and fills it with nps_compare_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_compare_options {
  nps_ci_method ci;      /* each sample's interval; NPS_CI_DEFAULT */
  double level;          /* 0 < level < 1; 0.95 */
  size_t replicates;     /* bootstrap B and Monte Carlo draws; 0: default */
  unsigned long seed;    /* the run's seed */
  uint64_t min_n;        /* samples below it: no interval, no test */
  nps_test2_method test; /* the p-value's test; NPS_TEST2_DEFAULT */
  nps_alternative alternative;
  nps_multi_method adjust;      /* across segments; NPS_MULTI_HOLM */
  nps_diff_ci_method diff_ci;   /* NPS_DIFF_CI_DEFAULT; a method of
                                   nps_diff_ci_compute, or _TEST */
  int by_segment;               /* nonzero: one comparison per table key */
  int all_tests;                /* nonzero: every test on the overall row */
  const char *label[2];         /* sample names: they seed the samples'
                                   streams; NULL counts as "" */
  int standardize;              /* nonzero: the tables' keys are strata
                                   (one column, not segments); the result
                                   adds the comparison standardized to
                                   their pooled mix (nps_standardize) */
  nps_test2_method paired_test; /* paired comparisons: NPS_TEST2_SIGN_FLIP
                                   (default, exact) or NPS_TEST2_PAIRED (z);
                                   the other is run beside it */
} nps_compare_options;

/* Sets the defaults above (seed 0, no segments, no side tests, labels
 * NULL). */
NPS_API void nps_compare_options_init(nps_compare_options *opt);

/* Why a comparison was not tested. */
typedef enum nps_compare_untested {
  NPS_UNTESTED_NONE = 0,  /* it was tested */
  NPS_UNTESTED_EMPTY,     /* a sample has no answers */
  NPS_UNTESTED_SMALL,     /* a sample has fewer than min_n answers */
  NPS_UNTESTED_FEW_PAIRS, /* fewer than 2 (or min_n) matched respondents */
  NPS_UNTESTED_NO_SPREAD  /* paired z test chosen, every respondent changed
                             by the same amount: the test is undefined */
} nps_compare_untested;

/* One sample of one comparison. */
typedef struct nps_compare_side {
  nps_counts counts;
  nps_estimate est;
  uint64_t missing;
  int has_ci;       /* 0 when empty or below min_n */
  nps_ci_result ci; /* the sample's own interval */
} nps_compare_side;

/* Procedures shown side by side that disagree about significance. */
typedef enum nps_verdict_conflict {
  NPS_CONFLICT_NONE = 0,
  NPS_CONFLICT_INTERVAL, /* the test's p and the interval of the difference:
                            one excludes "no difference", the other not */
  NPS_CONFLICT_TESTS     /* another test shown beside the chosen one */
} nps_verdict_conflict;

/* The decision, as data: a sentence is the caller's to write. A verdict is
 * significant only when every procedure shown with it agrees: the chosen
 * test's p < 1 - level (adjusted within a family), and the interval of
 * the difference (at ci_level, matched to the adjusted p; one-sided for a
 * one-sided alternative of independent samples) excludes 0 on the side of
 * the difference, and (all_tests) every other test that ran rejects too. When
 * they disagree, significant is 0 and conflict says which disagreed: the
 * evidence is borderline. */
typedef struct nps_verdict {
  int tested;      /* 0: see untested */
  int significant; /* every procedure agrees that there is a difference */
  int direction;   /* sign of the difference: +1, -1 or 0 */
  double p;        /* the p-value the decision used */
  nps_verdict_conflict conflict; /* NPS_CONFLICT_NONE unless borderline */
  nps_test2_method other_test;   /* NPS_CONFLICT_TESTS: the first test
                                    that disagrees, with p other_p */
  double other_p;
} nps_verdict;

/* One comparison: a segment, or all answers. */
typedef struct nps_compare_row {
  const char *key; /* the segment's key (nps_key_part); NULL: overall */
  size_t key_len;
  nps_compare_side side[2];
  nps_compare_untested untested;
  double diff;           /* theta1 - theta0 (raw); NAN when a side is empty */
  nps_test2_result test; /* the test behind p (after any fallback; its note
                            says why) */
  nps_diff_ci_result diff_ci; /* interval of the difference: two-sided, or
                                 with a one-sided alternative the test's
                                 own bound, [L, 2] (greater) or [-2, U]
                                 (less), from nps_diff_ci_alternative */
  double ci_level;   /* level of diff_ci: options.level, or for a segment
                        whose p was adjusted the matched level
                        nps_multi_matched_level(level, p, p_adjusted), at
                        which the interval answers the adjusted p */
  double p_adjusted; /* within the segments' family; overall: p */
  double mdd;        /* difference detectable with NPS_COMPARE_POWER */
  int mdd_adjusted;  /* 1 when mdd uses the adjusted-Wald variances because
                        a sample has every answer in one category (whose
                        plug-in variance 0 would give mdd 0) */
  nps_verdict verdict;
} nps_compare_row;

/* One of the tests run side by side on the overall comparison. */
typedef struct nps_compare_test {
  nps_test2_method method;
  nps_status status; /* NPS_OK, or why this test could not run */
  nps_test2_result res;
} nps_compare_test;

#define NPS_COMPARE_MAX_TESTS 4

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_compare {
  nps_compare_row *rows; /* segments by key, then the overall row last */
  size_t n_rows;
  nps_compare_test tests[NPS_COMPARE_MAX_TESTS]; /* all_tests */
  size_t n_tests;
  int paired;
  nps_paired pairs;      /* paired: transitions, rows sample 1 */
  uint64_t unmatched[2]; /* paired: answers whose id is in one sample only */
  uint64_t no_id[2];     /* paired: answers with an empty id (left out) */
  nps_compare_options options;      /* as given, defaults filled in */
  nps_standardized *standardized;   /* options.standardize: the comparison at
                                       the pooled mix; NULL when no stratum
                                       has answers in both samples */
  nps_verdict standardized_verdict; /* its verdict: the z test's p and its
                                       own interval agree by construction */
} nps_compare;

/* Compares two independent samples given as tables keyed alike (by the
 * segment columns; with one group each when not by_segment). The tables
 * are not changed (segments are matched in key order through a sorted
 * view); row keys point into them. *out receives a result to free with
 * nps_compare_free, also when a sample is empty (NPS_EEMPTY, err->sample
 * says which). Other statuses: NPS_EINVAL for a bad option, NPS_ENOMEM, or
 * a test's failure (*out NULL). err (nps_run_error, status.h) may be NULL.
 * C does not convert nps_table *t[2] to this parameter by itself: pass
 * (const nps_table *const *)t, or an array of const pointers. */
NPS_API nps_status nps_compare_run(const nps_table *const t[2],
                                   const nps_compare_options *opt,
                                   nps_compare **out, nps_run_error *err);

/* Compares the same respondents measured twice: tables keyed by the
 * respondent id, one answer per id and sample. Each id answered in both
 * becomes one cell of the transition table; the others are counted as
 * unmatched, and answers under the empty key (no id) as no_id. NPS_EINVAL
 * with err (sample, key, count) when a non-empty id answered more than once
 * in a sample; NPS_EEMPTY when no id answered in both (*out
 * still returned); others as nps_compare_run. */
NPS_API nps_status nps_compare_paired(const nps_table *const ids[2],
                                      const nps_compare_options *opt,
                                      nps_compare **out, nps_run_error *err);

/* One file with an arm column: the groups of all, keyed (arm, rest...),
 * are moved into out[0] and out[1] under the rest of their key, by arm
 * arm[0] or arm[1] (len bytes each); answers of other arms are added to
 * *other. NPS_EOVERFLOW, NPS_EGROUPS or NPS_ENOMEM from the tables. */
NPS_API nps_status nps_compare_split_arms(const nps_table *all,
                                          const char *const arm[2],
                                          const size_t arm_len[2],
                                          nps_table *out[2], uint64_t *other);

/* The distinct first key components of the sorted table t, up to max:
 * part[i], len[i]; *n receives how many were found (at most max). */
NPS_API void nps_compare_first_parts(const nps_table *t, size_t max,
                                     const char **part, size_t *len, size_t *n);

/* The overall row (the last one). */
NPS_API const nps_compare_row *nps_compare_overall(const nps_compare *c);

/* Power of the two-sample z test to detect a true difference delta with
 * k equal arm sizes n[0..k-1], sample 0 of row r as the baseline and the
 * other arm moved by delta (nps_power_shift; by -delta when delta cannot
 * be reached). power[i] receives the power at n[i]; *n_needed the arm
 * size for NPS_COMPARE_POWER (NAN when it cannot be computed); *delta_used
 * the difference drawn. NPS_EINVAL when the baseline cannot move by
 * delta either way. */
NPS_API nps_status nps_compare_power_curve(const nps_compare *c,
                                           const nps_compare_row *r,
                                           double delta, const double *n,
                                           size_t k, double *power,
                                           double *n_needed,
                                           double *delta_used);

/* The power curves of the comparison's power chart: arms of 10 to
 * 100,000 answers (NPS_COMPARE_POWER_GRID sizes evenly spaced on a log
 * scale) and one curve for each true difference of 5, 10 and 20 points
 * the baseline can move by, then the observed difference when the
 * overall row was tested and it is at least half a point. */
enum { NPS_COMPARE_POWER_GRID = 81, NPS_COMPARE_POWER_CURVES = 4 };

typedef struct nps_compare_power_line {
  double delta_used; /* the difference drawn (nps_compare_power_curve) */
  double n_needed;   /* arm size for NPS_COMPARE_POWER, or NAN */
  int observed;      /* nonzero: the observed difference */
  double power[NPS_COMPARE_POWER_GRID];
} nps_compare_power_line;

typedef struct nps_compare_power_lines {
  double n[NPS_COMPARE_POWER_GRID]; /* the arm sizes */
  nps_compare_power_line line[NPS_COMPARE_POWER_CURVES];
  size_t n_lines; /* 0 when no difference could be drawn */
} nps_compare_power_lines;

/* Fills *out for the overall row of c. */
NPS_API void nps_compare_power_chart(const nps_compare *c,
                                     nps_compare_power_lines *out);

/* Frees c. nps_compare_free(NULL) is a no-op. */
/* What a gate (--fail-if) fires on. */
typedef enum nps_gate_when {
  NPS_GATE_SIGNIFICANT, /* a significant difference either way */
  NPS_GATE_DROP         /* a significant fall (sample 1 below sample 0) */
} nps_gate_when;

typedef struct nps_gate {
  int fires;        /* nonzero when some member of the family fires */
  size_t family;    /* tested comparisons in the family */
  size_t row;       /* the first member that fires (segments before the
                       overall row), or SIZE_MAX */
  double p_family;  /* its p adjusted across the family, or NAN */
  size_t nearest;   /* when none fires: the member with the smallest
                       family-adjusted p (a fall, for NPS_GATE_DROP), or
                       SIZE_MAX */
  double p_nearest; /* that p, or NAN */
} nps_gate;

/* The decision of a gate over every tested comparison of c, the segments
 * and the overall one together, as one family: each member's p (the
 * adjusted p of a segment is not used) is adjusted across the family by
 * c->options.adjust, and a member fires when its verdict is significant
 * (and a fall, for NPS_GATE_DROP) and its family-adjusted p is below 1 -
 * level. With Holm or Bonferroni the chance that a gate fires when no
 * comparison differs is then at most 1 - level; the verdicts shown per
 * row keep their own families (the segments among themselves, the overall
 * unadjusted). Without segments the family is the overall comparison
 * alone. NPS_ENOMEM, or NPS_OK. */
NPS_API nps_status nps_compare_gate(const nps_compare *c, nps_gate_when when,
                                    nps_gate *out);

NPS_API void nps_compare_free(nps_compare *c);

#ifdef __cplusplus
}
#endif
#endif
