/*
 * did.h - the difference-in-differences analysis: a pilot group got a
 * change, a control group did not, both were surveyed before and after.
 * Did the pilot's NPS move more than the control's?
 *
 * One options struct, one call, one result that the caller owns and frees
 * with nps_did_free. Every statistical decision lives here: each cell's
 * interval (nps_ci_compute), each arm's change with its interval
 * (nps_diff_ci_compute, the compare analysis's default method) and a Wald
 * z p-value, the difference in differences with a Wald z test and its own
 * interval and a bootstrap with its percentile interval and p-value from
 * the same replicates, the small-base rule, the seeds, and the verdict.
 *
 *   DiD = (theta_pa - theta_pb) - (theta_ca - theta_cb),
 *   SE  = sqrt(sum over the four cells of V_g / n_g)
 *
 * (docs/methods.md, "Difference in differences"). DiD assumes parallel
 * trends: without the change, the pilot's NPS would have moved as the
 * control's did. No test here can check that.
 *
 * Cells are indexed arm * 2 + period: arm 0 control, 1 pilot; period 0
 * before, 1 after. Differences are on -1..1 per arm and -2..2 (change) or
 * -4..4 (DiD); multiply by 100 for points.
 */
#ifndef NPS_DID_H
#define NPS_DID_H

#include <stddef.h>
#include <stdint.h>

#include "ci.h"
#include "compare.h"
#include "diffci.h"
#include "export.h"
#include "hist.h"
#include "status.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The four cells: arm * 2 + period. */
enum {
  NPS_DID_CONTROL_BEFORE = 0,
  NPS_DID_CONTROL_AFTER = 1,
  NPS_DID_PILOT_BEFORE = 2,
  NPS_DID_PILOT_AFTER = 3,
  NPS_DID_CELLS = 4
};

/* Cells with fewer answers are small bases: shown with their interval,
 * marked, and the DiD is not tested. */
#define NPS_DID_MIN_N 30

/* ABI: the caller allocates it and fills it with nps_did_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_did_options {
  nps_ci_method ci;   /* each cell's interval; NPS_CI_DEFAULT */
  double level;       /* 0 < level < 1; 0.95 */
  size_t replicates;  /* bootstrap B of the DiD (and of bootstrap intervals);
                         0: NPS_BOOT_DEFAULT_REPLICATES */
  unsigned long seed; /* the run's seed */
  uint64_t min_n;     /* NPS_DID_MIN_N */
  nps_diff_ci_method change_ci; /* each arm's change: NPS_DIFF_CI_WALD (the
                                   default), the z test's own interval with
                                   the same SE as its p, so they agree; or
                                   any method nps_diff_ci_compute computes */
  const char *arm[2];           /* names of control and pilot; they seed the
                                   cells' streams; NULL: "control", "pilot" */
  const char *period[2];        /* names of before and after; NULL: "before",
                                   "after" */
} nps_did_options;

/* Sets the defaults above (seed 0, names NULL). */
NPS_API void nps_did_options_init(nps_did_options *opt);

/* One cell: an arm in a period. */
typedef struct nps_did_cell {
  nps_counts counts;
  nps_estimate est;
  uint64_t missing;
  int small;        /* 0 < n < min_n: a small base */
  int adjusted;     /* V = 0: the adjusted-Wald variance stands in */
  double var;       /* the variance the z tests use: est.var, or the
                       adjusted one when adjusted */
  int has_ci;       /* 0 only for an empty cell */
  nps_ci_result ci; /* the cell's own interval */
} nps_did_cell;

/* One arm's change, after - before. */
typedef struct nps_did_change {
  int tested;            /* 0 when a cell is empty or small */
  double diff;           /* theta_after - theta_before; NAN when empty */
  double se;             /* sqrt(V_a/n_a + V_b/n_b), cell var */
  double z, p;           /* Wald z test, two-sided */
  nps_diff_ci_result ci; /* nps_diff_ci_compute(after, before) */
} nps_did_change;

/* Which of the four procedures of the DiD reject "no difference" at
 * 1 - level: bits of nps_did.rejects. */
enum {
  NPS_DID_WALD_P = 1,  /* Wald z p < 1 - level */
  NPS_DID_WALD_CI = 2, /* the Wald interval excludes 0 */
  NPS_DID_BOOT_P = 4,  /* the bootstrap p < 1 - level */
  NPS_DID_BOOT_CI = 8, /* the percentile interval excludes 0 */
  NPS_DID_ALL = 15
};

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_did {
  nps_did_cell cell[NPS_DID_CELLS];
  nps_did_change change[2]; /* control, pilot */
  double did;               /* pilot change - control change; NAN when a
                               cell is empty */
  int tested;               /* 0 when a cell is empty or small */
  size_t n_small;           /* small cells */
  /* Wald z: z = DiD / se, two-sided p, interval DiD +- z_level se: the
   * interval excludes 0 exactly when p < 1 - level. */
  double se;
  double z, p;
  nps_interval wald_ci;
  /* Bootstrap: B independent multinomial draws of each cell; DiD* of each;
   * the percentile interval of DiD*; p = the smallest 1 - level at which
   * that percentile interval excludes 0 (the interval inverted), so that
   * p < 1 - level exactly when the interval excludes 0; about
   * 2 min(share <= 0, share >= 0) with replicates at 0 counted whole.
   * Capped at 1 and raised to 1/B when below it (then p_floor is 1: the
   * p is below 1/B). */
  double boot_se; /* standard deviation of DiD* (B - 1) */
  nps_interval boot_ci;
  double boot_p;
  int boot_p_floor;
  size_t replicates;
  unsigned long boot_seed; /* the stream of the bootstrap */
  unsigned rejects;        /* NPS_DID_* bits */
  /* The verdict: significant only when all four procedures reject; when
   * some but not all do, significant is 0 and conflict says what
   * disagrees (NPS_CONFLICT_TESTS: the bootstrap p against the Wald p,
   * other_test NPS_TEST2_BOOTSTRAP with other_p; NPS_CONFLICT_INTERVAL:
   * a p against an interval). p is the Wald p. */
  nps_verdict verdict;
  const char *note;        /* static text on a caveat (an adjusted variance, no
                              bootstrap spread), or NULL */
  nps_did_options options; /* as given, defaults filled in */
} nps_did;

/* The DiD of four tables, t[NPS_DID_CONTROL_BEFORE..NPS_DID_PILOT_AFTER]
 * (each table's groups are added up; the tables are not changed). *out
 * receives a result to free with nps_did_free, also when a cell is empty
 * (NPS_EEMPTY: err->sample is the first cell with est.n = 0). Other
 * statuses: NPS_EINVAL for a bad option (a level outside (0, 1), B = 1, a
 * change_ci method that nps_diff_ci_compute does not compute),
 * NPS_ENOMEM, NPS_EOVERFLOW, or an estimator's failure (*out NULL). err
 * (nps_run_error, status.h) may be NULL. */
NPS_API nps_status nps_did_run(const nps_table *const t[NPS_DID_CELLS],
                               const nps_did_options *opt, nps_did **out,
                               nps_run_error *err);

/* One file with an arm and a period column: the groups of all, keyed
 * (arm, period, ...), are added into out[arm * 2 + period] under the
 * empty key, where arm[i] (arm_len[i] bytes) and period[j] name the
 * values; answers of other values are added to *other. NPS_EOVERFLOW,
 * NPS_EGROUPS or NPS_ENOMEM from the tables. */
NPS_API nps_status nps_did_split(const nps_table *all, const char *const arm[2],
                                 const size_t arm_len[2],
                                 const char *const period[2],
                                 const size_t period_len[2],
                                 nps_table *out[NPS_DID_CELLS],
                                 uint64_t *other);

/* The distinct values of key component k of the groups of t, up to max,
 * in their natural order (nps_natural_compare), except that a pair of
 * values read as before/after or pre/post (any case) is put in that
 * order, and a value reading "control" comes first of a pair: part[i],
 * len[i] point into t; *n receives how many were stored, or max + 1
 * when there are more than max. */
NPS_API void nps_did_values(const nps_table *t, size_t k, size_t max,
                            const char **part, size_t *len, size_t *n);

/* Frees d. nps_did_free(NULL) is a no-op. */
NPS_API void nps_did_free(nps_did *d);

#ifdef __cplusplus
}
#endif
#endif
